using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Tests.Security;

/// <summary>
/// A database that refuses writes gives clear answers and a degraded /healthz. The refusal is another process holding
/// the write lock past the portal's busy timeout (file modes would not stop the tests, which may run as root).
/// </summary>
public sealed class DatabaseUnavailableTests : IDisposable
{
    private readonly PortalFactory portal = new();
    private readonly RecordingLoggerProvider logs = new();
    private readonly WebApplicationFactory<Program> logged;
    private SqliteConnection? holder;

    public DatabaseUnavailableTests() =>
        logged = portal.WithWebHostBuilder(b => b
            .UseSetting("Database:BusyTimeoutSeconds", "1")
            .ConfigureLogging(l => l.AddProvider(logs)));

    private async Task<HttpClient> StartThenHoldTheWriteLockAsync()
    {
        var client = logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        holder = new SqliteConnection($"Data Source={portal.DatabasePath};Pooling=False");
        await holder.OpenAsync();
        await using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return client;
    }

    private async Task ReleaseTheWriteLockAsync()
    {
        await holder!.DisposeAsync();
        holder = null;
    }

    [Fact]
    public async Task A_sign_in_the_database_cannot_record_shows_the_error_page_with_a_logged_error_id_and_no_stack_trace()
    {
        var client = await StartThenHoldTheWriteLockAsync();

        // A wrong password must be counted towards the lockout: a write.
        var response = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, "Wrong-Password-42");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The database is busy or cannot be written", page);
        Assert.DoesNotContain("SqliteException", page);
        Assert.DoesNotContain(" at ", page);
        var errorId = Regex.Match(page, @"error id ([^\s<]+?)\.?</p>").Groups[1].Value;
        Assert.NotEmpty(errorId);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(errorId));
    }

    [Fact]
    public async Task An_API_request_the_database_cannot_store_gets_problem_json_with_the_logged_error_id()
    {
        var token = await IngestionTokenAsync();
        var client = await StartThenHoldTheWriteLockAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/audit-events")
        {
            Content = new StringContent(
                $$"""{"eventId":"unavailable-1","eventTime":"{{DateTime.UtcNow:O}}","datasource":"snowflake","family":"database","login":"alice@corp.example","repository":"sf-prod","code":"QUERY","codeLabel":"Query executed","action":"select","status":"success"}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errorId = problem.RootElement.GetProperty("errorId").GetString()!;
        Assert.Contains(errorId, problem.RootElement.GetProperty("detail").GetString());
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(errorId));
    }

    [Fact]
    public async Task Healthz_reports_degraded_with_503_while_another_process_holds_the_write_lock()
    {
        var client = await StartThenHoldTheWriteLockAsync();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Degraded", body);
        Assert.Contains("refuses writes", body);
    }

    [Fact]
    public async Task Healthz_stays_degraded_for_a_while_after_a_request_failed_to_write()
    {
        var client = await StartThenHoldTheWriteLockAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, "Wrong-Password-42")).StatusCode);
        await ReleaseTheWriteLockAsync();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("failed to write", await response.Content.ReadAsStringAsync());
    }

    private async Task<string> IngestionTokenAsync()
    {
        using var scope = logged.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<AdminPortal.Core.ApiTokens.CreateApiToken>()
            .HandleAsync(Principals.Admin(), new("unavailable", [AdminPortal.Core.ApiTokens.ApiScopes.AuditIngest], null));
        return created.Value!.Token;
    }

    public void Dispose()
    {
        holder?.Dispose();
        logged.Dispose();
        portal.Dispose();
    }
}
