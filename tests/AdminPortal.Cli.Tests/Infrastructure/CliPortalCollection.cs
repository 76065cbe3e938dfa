namespace AdminPortal.Cli.Tests.Infrastructure;

/// <summary>The end-to-end tests share one portal process and one s3rver.</summary>
[CollectionDefinition(Name)]
public sealed class CliPortalCollection : ICollectionFixture<CliPortal>
{
    public const string Name = "CLI against a portal";
}
