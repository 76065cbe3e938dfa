namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>
/// A test that writes the README's screenshots: it runs only when README_SCREENSHOTS names the folder to write them to
/// (docs/), since it writes the repository's pictures and takes a portal of its own (<see cref="SharedPortal.StartPortalAsync"/>).
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
