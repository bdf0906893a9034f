// Placeholder until the Host lands (issue 2).
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health/live", () => TypedResults.Ok());
app.Run();
