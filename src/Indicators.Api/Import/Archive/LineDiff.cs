namespace Indicators.Api.Import.Archive;

/// <summary>
/// Which lines of an old file a new one keeps, in order: a patience diff (the lines that occur once in each,
/// longest increasing run of them, then the same within each gap, equal ends first). Curated rows carry their
/// id, so nearly every line is unique and a million-line file matches in one pass, where an edit-distance diff
/// would cost lines times changes.
/// </summary>
internal static class LineDiff
{
    /// <summary>Pairs (old index, new index) of kept lines, increasing in both.</summary>
    public static List<(int Old, int New)> Match(IReadOnlyList<ReadOnlyMemory<byte>> old, IReadOnlyList<ReadOnlyMemory<byte>> @new)
    {
        var oldKeys = old.Select(Key).ToList();
        var newKeys = @new.Select(Key).ToList();
        var matches = new List<(int, int)>();
        MatchRange(oldKeys, 0, oldKeys.Count, newKeys, 0, newKeys.Count, matches);
        return matches;
    }

    // Strings compare by content and hash well; the bytes are UTF-8 of text the import already accepted.
    private static string Key(ReadOnlyMemory<byte> line) => System.Text.Encoding.UTF8.GetString(line.Span);

    private static void MatchRange(
        List<string> old, int oldStart, int oldEnd, List<string> @new, int newStart, int newEnd, List<(int, int)> matches)
    {
        // Equal lines at both ends are kept as they are.
        var head = new List<(int, int)>();
        while (oldStart < oldEnd && newStart < newEnd && old[oldStart] == @new[newStart])
        {
            head.Add((oldStart++, newStart++));
        }

        var tail = new List<(int, int)>();
        while (oldStart < oldEnd && newStart < newEnd && old[oldEnd - 1] == @new[newEnd - 1])
        {
            tail.Add((--oldEnd, --newEnd));
        }

        matches.AddRange(head);
        var anchors = UniqueAnchors(old, oldStart, oldEnd, @new, newStart, newEnd);
        if (anchors.Count > 0)
        {
            var (oldAt, newAt) = (oldStart, newStart);
            foreach (var (o, n) in anchors)
            {
                MatchRange(old, oldAt, o, @new, newAt, n, matches);
                matches.Add((o, n));
                (oldAt, newAt) = (o + 1, n + 1);
            }

            MatchRange(old, oldAt, oldEnd, @new, newAt, newEnd, matches);
        }

        tail.Reverse();
        matches.AddRange(tail);
    }

    /// <summary>The longest run, increasing in both files, of lines that occur exactly once in each range.</summary>
    private static List<(int Old, int New)> UniqueAnchors(
        List<string> old, int oldStart, int oldEnd, List<string> @new, int newStart, int newEnd)
    {
        var counts = new Dictionary<string, (int InOld, int OldIndex, int InNew, int NewIndex)>(StringComparer.Ordinal);
        for (var i = oldStart; i < oldEnd; i++)
        {
            counts[old[i]] = counts.TryGetValue(old[i], out var c) ? c with { InOld = c.InOld + 1 } : (1, i, 0, -1);
        }

        for (var j = newStart; j < newEnd; j++)
        {
            if (counts.TryGetValue(@new[j], out var c))
            {
                counts[@new[j]] = c with { InNew = c.InNew + 1, NewIndex = j };
            }
        }

        var pairs = counts.Values.Where(c => c.InOld == 1 && c.InNew == 1).Select(c => (c.OldIndex, c.NewIndex))
            .OrderBy(p => p.OldIndex).ToList();
        return LongestIncreasingByNew(pairs);
    }

    /// <summary>Patience sorting: the longest subsequence whose new indexes increase (old ones already do).</summary>
    private static List<(int Old, int New)> LongestIncreasingByNew(List<(int Old, int New)> pairs)
    {
        var tails = new List<int>();          // index into pairs of the smallest tail of each run length
        var previous = new int[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (pairs[tails[mid]].New < pairs[i].New)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count)
            {
                tails.Add(i);
            }
            else
            {
                tails[lo] = i;
            }
        }

        var run = new List<(int, int)>(tails.Count);
        for (var i = tails.Count > 0 ? tails[^1] : -1; i >= 0; i = previous[i])
        {
            run.Add(pairs[i]);
        }

        run.Reverse();
        return run;
    }
}
