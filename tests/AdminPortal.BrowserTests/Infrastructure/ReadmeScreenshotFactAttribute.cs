namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>
/// A test that writes the README's screenshots: it runs only when README_SCREENSHOTS names the folder to write them to
/// (docs/), since it adds integrations and schedules to the shared portal that other tests do not expect.
/// </summary>
public sealed class ReadmeScreenshotFactAttribute : FactAttribute
{
    public const string Variable = "README_SCREENSHOTS";

    public ReadmeScreenshotFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Set {Variable}=<folder> (the repository's docs/) to write the README's screenshots.";
        }
    }
}
