namespace AdminPortal.Core.Integrations;

public static class IntegrationCloudLabels
{
    /// <summary>The cloud as pages and messages name it: AWS, Azure, GCP.</summary>
    public static string Label(this IntegrationCloud cloud) => cloud switch
    {
        IntegrationCloud.Aws => "AWS",
        IntegrationCloud.Azure => "Azure",
        _ => "GCP",
    };
}
