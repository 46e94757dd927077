using Wayfinder.Web.Server;

var app = WayfinderServer.BuildApp(args);
app.Run();

/// <summary>The server's entry point; public so the integration tests can start it.</summary>
public partial class Program;
