using AdminPortal.Core.Data;
using AdminPortal.Core.Security.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static AdminPortal.Core.Tests.Security.Secrets.SecretsTestKeys;

namespace AdminPortal.Core.Tests.Security.Secrets;

public class SecretsOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_put_the_key_file_beside_the_data_folder_not_in_it()
    {
        var options = new SecretsOptions();

        Assert.Empty(SecretsOptionsValidator.Errors(options));
        Assert.Equal(Path.GetFullPath("/srv/portal/keys/secrets.key"), MasterKeyRing.KeyFilePath(options, "/srv/portal/data"));
    }

    [Fact]
    public void A_master_key_that_is_not_base64_is_named_and_not_repeated()
    {
        var errors = SecretsOptionsValidator.Errors(new SecretsOptions { MasterKey = "not base64!" });

        var error = Assert.Single(errors);
        Assert.Equal("Secrets:MasterKey is not base64. Generate one with `openssl rand -base64 32`.", error);
    }

    [Fact]
    public void A_master_key_of_the_wrong_length_says_how_long_it_is()
    {
        var sixteenBytes = Convert.ToBase64String(new byte[16]);

        var error = Assert.Single(SecretsOptionsValidator.Errors(new SecretsOptions { MasterKey = sixteenBytes }));

        Assert.Equal("Secrets:MasterKey must be 32 bytes (AES-256) but decodes to 16. Generate one with `openssl rand -base64 32`.", error);
        Assert.DoesNotContain(sixteenBytes, error);
    }

    [Fact]
    public void Previous_keys_are_checked_by_position()
    {
        var options = new SecretsOptions
        {
            MasterKey = NewKey(),
            PreviousKeys = [new() { Key = NewKey() }, new() { Id = "has.dot", Key = "short" }, new() { Key = "" }],
        };

        var errors = SecretsOptionsValidator.Errors(options);

        Assert.Equal(
        [
            "Secrets:PreviousKeys:1:Key is not base64.",
            $"Secrets:PreviousKeys:1:Id {SecretsOptionsValidator.KeyIdRule}",
            "Secrets:PreviousKeys:2:Key is empty: copy the retired key there, or remove the entry.",
        ], errors);
    }

    [Fact]
    public void A_key_id_without_a_master_key_is_refused()
    {
        var error = Assert.Single(SecretsOptionsValidator.Errors(new SecretsOptions { MasterKeyId = "prod" }));

        Assert.StartsWith("Secrets:MasterKeyId names Secrets:MasterKey", error);
    }

    [Fact]
    public void AddSecrets_reads_the_master_key_from_configuration_and_protects_with_it()
    {
        var key = NewKey();
        using var provider = Services(new() { ["Secrets:MasterKey"] = key, ["Secrets:MasterKeyId"] = "env-2026" });

        var protector = provider.GetRequiredService<SecretProtector>();

        Assert.Equal("env-2026", protector.Keys.Current.Id);
        Assert.Equal("x", protector.Unprotect(protector.Protect("x", "p"), "p"));
    }

    [Fact]
    public void AddSecrets_puts_the_key_file_beside_the_database_folder()
    {
        using var data = new TempDataFolder();
        using var provider = Services(new() { ["Database:Path"] = Path.Combine(data.Path, "adminportal.db") });

        provider.GetRequiredService<MasterKeyRing>();

        Assert.True(File.Exists(data.KeyFile));
    }

    [Fact]
    public void AddSecrets_reports_an_invalid_master_key_through_options_validation()
    {
        using var provider = Services(new() { ["Secrets:MasterKey"] = "too-short" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SecretsOptions>>().Value);

        Assert.Contains("Secrets:MasterKey", error.Message);
        Assert.DoesNotContain("too-short", error.Message);
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_portal_does_not_start_with_a_key_file_others_can_read()
    {
        using var data = new TempDataFolder();
        using (var first = Services(new() { ["Database:Path"] = Path.Combine(data.Path, "adminportal.db") }))
        {
            first.GetRequiredService<MasterKeyRing>();
        }
        File.SetUnixFileMode(data.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        using var provider = Services(new() { ["Database:Path"] = Path.Combine(data.Path, "adminportal.db") });

        var startup = Assert.Single(provider.GetServices<IHostedService>());

        await Assert.ThrowsAsync<SecretsConfigurationException>(() => startup.StartAsync(CancellationToken.None));
    }

    [Fact]
    public void Loading_the_keys_logs_their_ids_and_never_the_keys()
    {
        using var data = new TempDataFolder();
        var logger = new CapturingLogger();
        var previous = NewKey();

        MasterKeyRing.Load(new SecretsOptions { PreviousKeys = [new() { Key = previous }] }, data.Path, logger);
        var fileKey = File.ReadAllText(data.KeyFile).Trim();

        Assert.NotEmpty(logger.Lines);
        Assert.All(logger.Lines, line => Assert.DoesNotContain(fileKey, line));
        Assert.All(logger.Lines, line => Assert.DoesNotContain(previous, line));
        Assert.Contains(logger.Lines, line => line.Contains(MasterKey.Fingerprint(Convert.FromBase64String(fileKey))));
    }

    internal sealed class CapturingLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        return services.AddSecrets(configuration).BuildServiceProvider();
    }
}
