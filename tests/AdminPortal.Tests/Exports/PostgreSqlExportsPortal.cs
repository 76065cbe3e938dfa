namespace AdminPortal.Tests.Exports;

/// <summary><see cref="ExportsPortal"/> on a PostgreSQL database of its own.</summary>
public sealed class PostgreSqlExportsPortal : ExportsPortal, IAsyncLifetime
{
    public Task InitializeAsync() => UsePostgreSqlAsync();

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}
