using System.Text;

// The constant-JSON ceiling the suite measures the service against: the same web server and framework,
// and a body of the same bytes as one observation (read once at start-up), with no work per request.
var bodyFile = Environment.GetEnvironmentVariable("BASELINE_BODY_FILE");
var body = bodyFile is null ? Encoding.UTF8.GetBytes("""{"id":"constant"}""") : File.ReadAllBytes(bodyFile);

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapGet("/observation", () => TypedResults.Bytes(body, "application/json; charset=utf-8"));

app.Run();
