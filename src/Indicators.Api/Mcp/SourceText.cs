namespace Indicators.Api.Mcp;

/// <summary>
/// A source text indexed by Unicode code points, the unit of every quote's offsets. .NET strings count UTF-16
/// units, which differ from code points after any character outside the Basic Multilingual Plane.
/// </summary>
internal sealed class SourceText
{
    private readonly string _text;
    private readonly int[] _offsets;

    public SourceText(string text)
    {
        _text = text;
        var offsets = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            offsets.Add(i);
        }

        offsets.Add(text.Length);
        _offsets = [.. offsets];
    }

    /// <summary>The text's length in code points.</summary>
    public int Length => _offsets.Length - 1;

    /// <summary>Code points [start, end), verbatim; the caller keeps 0 ≤ start ≤ end ≤ Length.</summary>
    public string Slice(int start, int end) => _text[_offsets[start].._offsets[end]];
}
