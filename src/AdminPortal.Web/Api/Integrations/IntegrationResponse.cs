using AdminPortal.Core.Integrations;

namespace AdminPortal.Web.Api.Integrations;

/// <summary>An integration as the API lists it; never its secret.</summary>
public sealed record IntegrationResponse(
    Guid Id, string Name, IntegrationCloud Cloud, IntegrationAuthMethod AuthMethod, string Destination,
    string ConnectionStatus, string? LastTestStatus, string? LastTestHint, DateTime? LastTestedAtUtc,
    DateTime CreatedAtUtc, string CreatedBy)
{
    public const string Connected = "connected";
    public const string Failing = "failing";
    public const string Untested = "untested";

    public static IntegrationResponse From(IntegrationSummary i) => new(
        i.Id, i.Name, i.Cloud, i.AuthMethod, i.Destination,
        i.LastTestStatus is null ? Untested : i.LastTestSucceeded ? Connected : Failing,
        i.LastTestStatus, i.LastTestHint, i.LastTestedAtUtc, i.CreatedAtUtc, i.CreatedBy);
}
