using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AdminPortal.Tests.Cluster;

/// <summary>
/// <see cref="SearchIndexOptions.IndexOnThisNode"/> on two portal hosts (in this process, through their real pipeline)
/// on one PostgreSQL database with one master key: a node with it false stores events and answers searches for them
/// but leaves their search vectors to a node that keeps the default.
/// </summary>
public sealed class SearchIndexOnThisNodeTests : IAsyncLifetime
{
    private readonly string masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<Node> nodes = [];
    private TestDatabase database = null!;

    /// <summary>A portal node on the shared database; <paramref name="indexOnThisNode"/> null leaves the setting at its default.</summary>
    private sealed class Node(TestDatabase database, string masterKey, bool? indexOnThisNode) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var (key, value) in database.Settings())
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Secrets:MasterKey", masterKey);
            if (indexOnThisNode is { } index)
            {
                builder.UseSetting("SearchIndex:IndexOnThisNode", index ? "true" : "false");
            }
        }
    }

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_node_with_IndexOnThisNode_false_leaves_the_search_vectors_of_the_events_it_stores_to_a_node_with_the_default()
    {
        var ingesting = Start(indexOnThisNode: false);
        string[] sent = ["kiwi-0", "kiwi-1", "kiwi-2"];
        await IngestAsync(ingesting, sent);

        // The node's indexer has ended for good (a node that indexes keeps it running and fills waiting vectors within one
        // 250 ms poll): nothing on this node will ever fill them.
        var service = ingesting.Services.GetServices<IHostedService>().OfType<AuditSearchIndexerService>().Single();
        var ended = await Task.WhenAny(service.ExecuteTask!, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(ended == service.ExecuteTask, "The search indexer of a node with IndexOnThisNode false is still running.");
        Assert.Equal(sent, await WaitingAsync("kiwi"));
        Assert.Equal(0, await IndexedAsync());
        Assert.Equal(sent.Length, await SearchAsync(ingesting, "quokka"));

        var indexing = Start(indexOnThisNode: null);
        var indexer = indexing.Services.GetRequiredService<PostgreSqlAuditSearchIndexer>();
        for (var deadline = DateTime.UtcNow.AddSeconds(15); await indexer.PendingAsync() > 0 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
        }

        Assert.Empty(await WaitingAsync("kiwi"));
        Assert.Equal(0, await indexer.PendingAsync());
        Assert.Equal(sent.Length, await SearchAsync(ingesting, "quokka"));
        Assert.Equal(sent.Length, await SearchAsync(indexing, "quokka"));
    }

    private Node Start(bool? indexOnThisNode)
    {
        var node = new Node(database, masterKey, indexOnThisNode);
        nodes.Add(node);
        _ = node.Services; // started now, as an operator starts a node, before anything is sent to it
        return node;
    }

    private static async Task IngestAsync(Node node, IEnumerable<string> ids)
    {
        var token = await node.Services.GetRequiredService<CreateApiToken>().HandleAsync(
            Principals.Admin(), new CreateApiTokenCommand("sender-" + Guid.NewGuid().ToString("N")[..6], [ApiScopes.AuditIngest], null));
        Assert.True(token.Succeeded);
        using var client = node.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value!.Token);
        var lines = ids.Select(id =>
            $$"""{"eventId":"{{id}}","eventTime":"2026-11-20T10:00:00Z","datasource":"kiwi","family":"database","login":"quokka@corp.example","repository":"sf-prod","code":"QUERY","codeLabel":"Query executed","action":"select","status":"success"}""");

        using var response = await client.PostAsync("/api/audit-events", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<long> SearchAsync(Node node, string text) =>
        (await node.Services.GetRequiredService<IAuditEventQueries>().PageAsync(new AuditQuery { Search = text })).Total;

    /// <summary>The events of <paramref name="datasource"/> still without their search vector.</summary>
    private async Task<List<string>> WaitingAsync(string datasource)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT \"EventId\" FROM \"AuditEvents\" WHERE \"SearchVector\" IS NULL AND \"Datasource\" = @datasource ORDER BY 1", connection);
        command.Parameters.AddWithValue("datasource", datasource);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>How many events of any kind (the portal's own included) have their search vector.</summary>
    private async Task<long> IndexedAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"AuditEvents\" WHERE \"SearchVector\" IS NOT NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
