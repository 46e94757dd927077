namespace Wayfinder.Drafting.Tests.Model;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Drafting.Model;

/// <summary>Where the model settings come from, which wins, and that a key or password never shows.</summary>
public sealed class ModelSettingsTests : IDisposable
{
    private const string Key = "sk-settings-4e1f-secret";
    private readonly string _folder = Directory.CreateTempSubdirectory("wayfinder-model-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TheVariablesGiveEndpointModelKeyAndTimeout()
    {
        var settings = ModelSettings.FromVariables(Variables(("WAYFINDER_MODEL_ENDPOINT", "http://127.0.0.1:11434/v1"), ("WAYFINDER_MODEL", "llama3.1"), ("WAYFINDER_MODEL_KEY", Key), ("WAYFINDER_MODEL_TIMEOUT", "45")));

        Assert.Equal(new Uri("http://127.0.0.1:11434/v1"), settings.Endpoint);
        Assert.Equal("llama3.1", settings.Model);
        Assert.Equal(Key, settings.Key);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.Timeout);
        Assert.Null(settings.Problem);
        Assert.True(settings.IsConfigured);
        Assert.Equal("model llama3.1 at http://127.0.0.1:11434/v1", settings.ToString());
    }

    [Fact]
    public void TheSecretsFileFillsWhatTheEnvironmentLeavesOutAndTheEnvironmentWins()
    {
        var file = Path.Combine(_folder, "model.secrets");
        File.WriteAllText(file, $"# the team's model\nendpoint = https://llm.example.com/v1\nmodel=gpt-4o-mini\nkey={Key}\ntimeout=30\n");

        var settings = ModelSettings.FromVariables(Variables(("WAYFINDER_MODEL_SECRETS", file), ("WAYFINDER_MODEL", "gpt-4o")));

        Assert.Equal(new Uri("https://llm.example.com/v1"), settings.Endpoint);
        Assert.Equal("gpt-4o", settings.Model);
        Assert.Equal(Key, settings.Key);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Timeout);
        Assert.DoesNotContain(Key, settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WAYFINDER_MODEL_ENDPOINT", "localhost:11434", "WAYFINDER_MODEL_ENDPOINT is not an http:// or https:// address")]
    [InlineData("WAYFINDER_MODEL_ENDPOINT", "ftp://models.example.com/v1", "WAYFINDER_MODEL_ENDPOINT is not an http:// or https:// address")]
    [InlineData("WAYFINDER_MODEL_ENDPOINT", "https://me:" + Key + "@llm.example.com/v1", "WAYFINDER_MODEL_ENDPOINT has a user or password in it")]
    [InlineData("WAYFINDER_MODEL_TIMEOUT", "soon", "WAYFINDER_MODEL_TIMEOUT must be a whole number of seconds greater than 0")]
    [InlineData("WAYFINDER_MODEL_SECRETS", "/nonexistent/model.secrets", "the secrets file named by WAYFINDER_MODEL_SECRETS does not exist: /nonexistent/model.secrets")]
    public void AWrongValueIsAPlainProblemThatNeverRepeatsACredential(string variable, string value, string problem)
    {
        var settings = ModelSettings.FromVariables(Variables(("WAYFINDER_MODEL", "m"), (variable, value)));

        Assert.StartsWith(problem, settings.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, settings.Problem, StringComparison.Ordinal);
        Assert.True(settings.IsConfigured);
    }

    [Fact]
    public async Task AWrongEndpointStopsTheDraftWithItsProblemInsteadOfDraftingOffline()
    {
        var settings = ModelSettings.FromVariables(Variables(("WAYFINDER_MODEL_ENDPOINT", "localhost:11434"), ("WAYFINDER_MODEL", "llama3.1")));
        using var services = DraftWorkspaces.Services(settings);

        var result = await services.GetRequiredService<DraftingService>().DraftAsync(
            DraftWorkspaces.Create(),
            new DraftRequest { Id = "trip", Scenario = "a trip", Goal = "more trips" });

        Assert.Equal(DraftOutcome.Failed, result.Outcome);
        Assert.Equal("model", result.Drafter);
        Assert.Equal(DraftFailureKind.NotConfigured, result.Failure!.Kind);
        Assert.StartsWith("the language model is not configured correctly: WAYFINDER_MODEL_ENDPOINT is not an http:// or https:// address", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingSetIsNotConfigured()
    {
        var settings = ModelSettings.FromVariables(_ => null);

        Assert.False(settings.IsConfigured);
        Assert.Equal(ModelSettings.DefaultTimeout, settings.Timeout);
        Assert.Equal("model (none) at (no endpoint)", settings.ToString());
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] values) =>
        name => values.Where(v => v.Name == name).Select(v => v.Value).LastOrDefault();
}
