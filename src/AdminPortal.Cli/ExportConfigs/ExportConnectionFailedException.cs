using AdminPortal.Cli.Api;

namespace AdminPortal.Cli.ExportConfigs;

/// <summary>test found the connection failing (exit code 1, after the answer was printed).</summary>
public sealed class ExportConnectionFailedException(IntegrationTestAnswer answer)
    : Exception($"The connection test failed: {answer.Status}")
{
    public IntegrationTestAnswer Answer { get; } = answer;
}
