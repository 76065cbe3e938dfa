using AdminPortal.Core.Integrations;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Integrations;

/// <summary>The integration use cases of a running portal, as its pages resolve them.</summary>
public sealed class IntegrationUseCases(IServiceProvider services)
{
    public CreateIntegration Create => services.GetRequiredService<CreateIntegration>();
    public ListIntegrations List => services.GetRequiredService<ListIntegrations>();
    public ListIntegrationNames Names => services.GetRequiredService<ListIntegrationNames>();
    public SuggestIntegrationName SuggestName => services.GetRequiredService<SuggestIntegrationName>();
    public MissingPortalIdentities MissingIdentities => services.GetRequiredService<MissingPortalIdentities>();
    public ViewCredentials Credentials => services.GetRequiredService<ViewCredentials>();
    public TestIntegration Test => services.GetRequiredService<TestIntegration>();
    public EditDestination Edit => services.GetRequiredService<EditDestination>();
    public DeleteIntegration Delete => services.GetRequiredService<DeleteIntegration>();
    public CheckIntegrationHealth HealthCheck => services.GetRequiredService<CheckIntegrationHealth>();
    public OpenIntegrationStorage Storage => services.GetRequiredService<OpenIntegrationStorage>();
}
