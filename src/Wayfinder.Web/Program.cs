using Wayfinder.Web.Documents;
using Wayfinder.Web.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddWayfinderServer();

var app = builder.Build();
app.UseWayfinderServer();
app.MapDocuments();

app.Run();

/// <summary>The server's entry point; public so the integration tests can start it.</summary>
public partial class Program;
