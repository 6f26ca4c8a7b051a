using System.Globalization;
using System.Numerics;

namespace Indicators.Api.Import.Derivation;

/// <summary>
/// A derived figure's formula: arithmetic (+ - * /, parentheses, numbers) over stated observations named
/// as <c>[observation-id]</c>. The import parses it and evaluates it itself, both on the stated values and
/// on the intervals their qualifiers allow, so a curated derived value is checked, never trusted.
/// </summary>
internal sealed class Formula
{
    private readonly Node _root;

    private Formula(string text, Node root, IReadOnlyList<string> inputs)
    {
        Text = text;
        _root = root;
        Inputs = inputs;
    }

    public string Text { get; }

    /// <summary>The observation ids the formula names, in order of first use.</summary>
    public IReadOnlyList<string> Inputs { get; }

    public static bool TryParse(string text, out Formula? formula, out string error)
    {
        formula = null;
        var parser = new Parser(text);
        try
        {
            var root = parser.ParseExpression();
            parser.ExpectEnd();
            if (parser.Inputs.Count == 0)
            {
                error = "formula names no input: refer to stated observations as [observation-id]";
                return false;
            }

            formula = new Formula(text, root, parser.Inputs);
            error = "";
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Evaluates over any arithmetic type: doubles for the value, intervals for its bounds.</summary>
    public T Evaluate<T>(Func<string, T> input, Func<double, T> constant)
        where T : IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>, IMultiplyOperators<T, T, T>,
                  IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T> =>
        _root.Evaluate(input, constant);

    private abstract record Node
    {
        public abstract T Evaluate<T>(Func<string, T> input, Func<double, T> constant)
            where T : IAdditionOperators<T, T, T>, ISubtractionOperators<T, T, T>, IMultiplyOperators<T, T, T>,
                      IDivisionOperators<T, T, T>, IUnaryNegationOperators<T, T>;
    }

    private sealed record Number(double Value) : Node
    {
        public override T Evaluate<T>(Func<string, T> input, Func<double, T> constant) => constant(Value);
    }

    private sealed record Reference(string Id) : Node
    {
        public override T Evaluate<T>(Func<string, T> input, Func<double, T> constant) => input(Id);
    }

    private sealed record Negation(Node Operand) : Node
    {
        public override T Evaluate<T>(Func<string, T> input, Func<double, T> constant) => -Operand.Evaluate(input, constant);
    }

    private sealed record Binary(char Operator, Node Left, Node Right) : Node
    {
        public override T Evaluate<T>(Func<string, T> input, Func<double, T> constant)
        {
            var left = Left.Evaluate(input, constant);
            var right = Right.Evaluate(input, constant);
            return Operator switch
            {
                '+' => left + right,
                '-' => left - right,
                '*' => left * right,
                _ => left / right,
            };
        }
    }

    /// <summary>How deep parentheses and unary minus may nest: far beyond any honest formula, far below the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>How many + - * / a formula may have: each is a level of the tree that evaluation recurses through.</summary>
    public const int MaxOperators = 64;

    /// <summary>Recursive descent: expression = term {(+|-) term}; term = factor {(*|/) factor}.</summary>
    private sealed class Parser(string text)
    {
        private int _at;
        private int _depth;
        private int _operators;

        public List<string> Inputs { get; } = [];

        public Node ParseExpression()
        {
            var node = ParseTerm();
            while (Peek() is '+' or '-')
            {
                var op = Operator();
                node = new Binary(op, node, ParseTerm());
            }

            return node;
        }

        public void ExpectEnd()
        {
            if (Peek() is { } c)
            {
                throw new FormatException($"formula has '{c}' where it should end (at character {_at + 1})");
            }
        }

        private Node ParseTerm()
        {
            var node = ParseFactor();
            while (Peek() is '*' or '/')
            {
                var op = Operator();
                node = new Binary(op, node, ParseFactor());
            }

            return node;
        }

        private Node ParseFactor()
        {
            switch (Peek())
            {
                case '-':
                    _at++;
                    return new Negation(Nested(ParseFactor));
                case '(':
                    _at++;
                    var inner = Nested(ParseExpression);
                    if (Peek() != ')')
                    {
                        throw new FormatException($"formula is missing a ')' (at character {_at + 1})");
                    }

                    _at++;
                    return inner;
                case '[':
                    var close = text.IndexOf(']', _at);
                    if (close < 0)
                    {
                        throw new FormatException($"formula has a '[' with no ']' (at character {_at + 1})");
                    }

                    var id = text[(_at + 1)..close];
                    _at = close + 1;
                    if (!Inputs.Contains(id))
                    {
                        Inputs.Add(id);
                    }

                    return new Reference(id);
                case { } c when char.IsAsciiDigit(c) || c == '.':
                    var start = _at;
                    while (_at < text.Length && (char.IsAsciiDigit(text[_at]) || text[_at] == '.'))
                    {
                        _at++;
                    }

                    return double.TryParse(text.AsSpan(start, _at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
                        ? new Number(n)
                        : throw new FormatException($"formula has a malformed number '{text[start.._at]}'");
                case { } other:
                    throw new FormatException($"formula has an unexpected '{other}' (at character {_at + 1})");
                default:
                    throw new FormatException("formula ends where a number, [input] or '(' was expected");
            }
        }

        /// <summary>A chain of operators makes a tree as deep as it is long: one of 100,000 '+' overflowed the stack in Evaluate.</summary>
        private char Operator()
        {
            if (++_operators > MaxOperators)
            {
                throw new FormatException($"formula has more than {MaxOperators} operators (at character {_at + 1})");
            }

            return text[_at++];
        }

        /// <summary>
        /// Each level is a few stack frames here and again when the tree is evaluated: a formula nested ten
        /// thousand '(' deep overflowed the stack and killed the import: no catch can turn that into file:line.
        /// </summary>
        private Node Nested(Func<Node> parse)
        {
            if (++_depth > MaxDepth)
            {
                throw new FormatException($"formula nests parentheses or '-' more than {MaxDepth} deep (at character {_at})");
            }

            var node = parse();
            _depth--;
            return node;
        }

        private char? Peek()
        {
            while (_at < text.Length && text[_at] == ' ')
            {
                _at++;
            }

            return _at < text.Length ? text[_at] : null;
        }
    }
}
