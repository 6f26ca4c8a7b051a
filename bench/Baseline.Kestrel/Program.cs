using Microsoft.Extensions.Primitives;

// The ceilings the suite measures the service against: the same web server and framework answering, for each
// load scenario, exactly what the service answered for it (status, content type, body bytes), read once at
// start-up, with no work per request.
//   /body/<scenario>     the status, Content-Type and body only: the ceiling the targets are measured against
//   /headers/<scenario>  the same with the service's response headers too (ETag, Cache-Control, Last-Modified,
//                        Vary, X-Dataset-Release, api-supported-versions, nosniff, X-Request-Id ...), so the cost
//                        of writing them shows
// BASELINE_SCENARIOS names a folder with <scenario>.status, <scenario>.headers (the response's header lines, as
// curl -D writes them) and <scenario>.body for each scenario (bench/run.sh captures them from the running service).
var folder = Environment.GetEnvironmentVariable("BASELINE_SCENARIOS")
    ?? throw new InvalidOperationException("BASELINE_SCENARIOS must name the folder of captured answers (bench/run.sh writes it).");

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var app = builder.Build();

foreach (var statusFile in Directory.EnumerateFiles(folder, "*.status"))
{
    var answer = CapturedAnswer.Read(Path.ChangeExtension(statusFile, null));
    app.MapGet("/body/" + answer.Name, answer.WriteBodyAsync);
    app.MapGet("/headers/" + answer.Name, answer.WriteWithHeadersAsync);
}

// For the harness to know it is up.
app.MapGet("/ready", () => "ready");
app.Run();

internal sealed class CapturedAnswer
{
    // Written by Kestrel itself on every response (or framing it chooses), so never copied from the capture.
    private static readonly HashSet<string> ServerWritten = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Content-Length", "Transfer-Encoding", "Server", "Connection", "Keep-Alive", "Content-Type", "X-Request-Id",
    };

    private CapturedAnswer(string name, int status, string? contentType, byte[] body, KeyValuePair<string, StringValues>[] headers, bool echoesRequestId)
    {
        Name = name;
        Status = status;
        ContentType = contentType;
        Body = body;
        Headers = headers;
        EchoesRequestId = echoesRequestId;
    }

    public string Name { get; }

    private int Status { get; }

    private string? ContentType { get; }

    private byte[] Body { get; }

    private KeyValuePair<string, StringValues>[] Headers { get; }

    private bool EchoesRequestId { get; }

    public static CapturedAnswer Read(string stem)
    {
        var status = int.Parse(File.ReadAllText(stem + ".status").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var lines = File.ReadAllLines(stem + ".headers")
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Contains(':') && !line.StartsWith("HTTP/", StringComparison.Ordinal))
            .Select(line => (Name: line[..line.IndexOf(':')].Trim(), Value: line[(line.IndexOf(':') + 1)..].Trim()))
            .ToList();
        var contentType = lines.Where(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
        var headers = lines.Where(h => !ServerWritten.Contains(h.Name))
            .GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new KeyValuePair<string, StringValues>(g.Key, new StringValues(g.Select(h => h.Value).ToArray())))
            .ToArray();
        var echoesRequestId = lines.Any(h => h.Name.Equals("X-Request-Id", StringComparison.OrdinalIgnoreCase));
                // curl writes no body file for an empty body (a 304).
        var body = File.Exists(stem + ".body") ? File.ReadAllBytes(stem + ".body") : [];
        return new CapturedAnswer(Path.GetFileName(stem), status, contentType, body, headers, echoesRequestId);
    }

    public Task WriteBodyAsync(HttpContext context) => WriteAsync(context, withHeaders: false);

    public Task WriteWithHeadersAsync(HttpContext context) => WriteAsync(context, withHeaders: true);

    private Task WriteAsync(HttpContext context, bool withHeaders)
    {
        var response = context.Response;
        response.StatusCode = Status;
        if (withHeaders)
        {
            foreach (var (name, value) in Headers)
            {
                response.Headers[name] = value;
            }

            if (EchoesRequestId)
            {
                // As the service does: the server's id of this request (its connection and request number).
                response.Headers["X-Request-Id"] = context.TraceIdentifier;
            }
        }

        if (Body.Length == 0)
        {
            return Task.CompletedTask;
        }

        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body).AsTask();
    }
}
