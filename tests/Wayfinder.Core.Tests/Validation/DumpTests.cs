namespace Wayfinder.Core.Tests.Validation;

public sealed class DumpTests
{
    [Fact]
    public void Dump()
    {
        var name = Environment.GetEnvironmentVariable("DUMP") ?? "valid";
        File.WriteAllLines("/tmp/dump.txt", Fixture.Check(name).Select(d => $"{d.Code} | {d}"));
    }
}
