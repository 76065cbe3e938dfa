using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Integrations.Events;
using AdminPortal.Core.Security;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Integrations;

/// <summary>The portal with the Integrations settings of appsettings.example.json.</summary>
public sealed class IntegrationsPortal : PortalFactory, IAsyncLifetime
{
    public const string IamUserArn = "arn:aws:iam::123456789012:user/adminportal";
    public const string AzureClientId = "0b8f4d2e-9a6c-4f1e-8d3b-2c7a5e9f1d04";

    public IntegrationUseCases Integrations => new(Services);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Integrations:AwsIamUserArn", IamUserArn);
        builder.UseSetting("Integrations:AzureAppName", "AdminPortal Audit Export");
        builder.UseSetting("Integrations:AzureAppClientId", AzureClientId);
        builder.UseSetting("Integrations:AzureConsentUrl", "https://login.microsoftonline.com/{tenantId}/adminconsent?client_id={clientId}");
        builder.UseSetting("Integrations:GcpServiceAccount", "adminportal-export@adminportal-prod.iam.gserviceaccount.com");
        // The portal's own Google key; its token_uri is a loopback stand-in for Google, so a token made with it can be seen.
        var keyFile = Path.Combine(DataDirectory, "portal-gcp-key.json");
        File.WriteAllText(keyFile, GoogleKeys.ServiceAccountKey(GoogleTokens.Url.AbsoluteUri));
        builder.UseSetting("Integrations:GcpServiceAccountKeyFile", keyFile);
        foreach (var (key, value) in Mail.PortalSettings)
        {
            builder.UseSetting(key, value);
        }

        // Beside the exports' own handlers (which find no schedules in this portal), not instead of them.
        builder.ConfigureTestServices(services => services
            .AddSingleton<IIntegrationEventHandler<IntegrationDestinationChanged>>(Announced)
            .AddSingleton<IIntegrationEventHandler<IntegrationDeleted>>(Announced));
    }

    public const string PortalGoogleToken = "ya29.portal-own-token";

    /// <summary>Answers token requests made with the portal's Google key with <see cref="PortalGoogleToken"/>.</summary>
    public RecordingServer GoogleTokens { get; } =
        new(200, "{\"access_token\":\"" + PortalGoogleToken + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}", "application/json");

    /// <summary>The SMTP server the portal e-mails its notifications to.</summary>
    public MailPeer Mail { get; } = new();

    public Task InitializeAsync() => Mail.InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Mail.DisposeAsync();
        GoogleTokens.Dispose();
        await DisposeAsync();
    }

    /// <summary>What Edit Destination and Delete announced to the features that write to integrations.</summary>
    public AnnouncedIntegrationEvents Announced { get; } = new();

    /// <summary>The stored secret column as SQLite holds it, read without EF.</summary>
    public async Task<string?> RawSecretAsync(Guid id)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "EncryptedSecret" FROM "StorageIntegrations" WHERE "Id" = $id""";
        command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>The codes of the portal's own audit events about one integration, oldest first.</summary>
    public async Task<List<AuditEvent>> AuditEventsAsync(string integrationName)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.Family == PortalAuditLog.Family && e.Category == "integrations" && e.TargetName == integrationName)
            .OrderBy(e => e.Id).ToListAsync();
    }

    public SecretProtector Protector => Services.GetRequiredService<SecretProtector>();
}

[CollectionDefinition(Name)]
public sealed class IntegrationsCollection : ICollectionFixture<StoragePeers>, ICollectionFixture<IntegrationsPortal>
{
    public const string Name = "Storage integrations";
}
