using System.Security.Cryptography;
using System.Text;
using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AdminPortal.Cli.Tests.Infrastructure;

/// <summary>One real portal process (with a bootstrap Admin and demo events), the storage emulators, and an admin-scoped API token.</summary>
public sealed class CliPortal : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.test";
    public const int DemoEvents = 500;

    public PortalProcess Portal { get; private set; } = default!;

    /// <summary>The customers' clouds: s3rver, Azurite and the GCS emulator.</summary>
    public StoragePeers Storage { get; } = new();

    public string Token { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Storage.InitializeAsync();
        Portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = "Cli-Admin-Password-42",
            // create:gcs without a key uses the portal's service account (unauthenticated against the emulator).
            ["Integrations:GcpServiceAccount"] = "adminportal-export@adminportal-prod.iam.gserviceaccount.com",
        }, seedDemoEvents: DemoEvents);
        Token = await IssueTokenAsync("admin");
    }

    /// <summary>
    /// A token of the bootstrap Admin, stored as the API tokens page stores one (SHA-256 of the token, its prefix, its
    /// scopes). The page is interactive Blazor; the CLI's tests need the token, not a browser to click for it.
    /// </summary>
    public async Task<string> IssueTokenAsync(string scopes)
    {
        var token = "apt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Portal.DatabasePath, Pooling = false }.ConnectionString);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = """
            INSERT INTO ApiTokens (UserId, Name, Prefix, Hash, Scopes, CreatedAtUtc, CreatedBy)
            SELECT Id, 'CLI tests', $prefix, $hash, $scopes, $now, Email FROM AspNetUsers WHERE NormalizedEmail = $email
            """;
        command.Parameters.AddWithValue("$prefix", token[..10]);
        command.Parameters.AddWithValue("$hash", SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        command.Parameters.AddWithValue("$scopes", scopes);
        command.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$email", AdminEmail.ToUpperInvariant());
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException("The bootstrap Admin is not in the portal's database.");
        }

        return token;
    }

    /// <summary>The tool with this portal's URL and token in its environment (ADMINPORTAL_URL / ADMINPORTAL_TOKEN).</summary>
    public CliProcess Cli() => new(new Dictionary<string, string>
    {
        ["ADMINPORTAL_URL"] = Portal.BaseUrl.AbsoluteUri,
        ["ADMINPORTAL_TOKEN"] = Token,
    });

    public async Task DisposeAsync()
    {
        if (Portal is not null)
        {
            await Portal.DisposeAsync();
        }

        await Storage.DisposeAsync();
    }
}
