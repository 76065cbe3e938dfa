namespace AdminPortal.Cli.Configuration;

/// <summary>Where the URL and the token come from: --url/--token, then ADMINPORTAL_URL/ADMINPORTAL_TOKEN, then the config file.</summary>
public static class ConnectionResolver
{
    public const string UrlVariable = "ADMINPORTAL_URL";
    public const string TokenVariable = "ADMINPORTAL_TOKEN";

    public static PortalConnection Resolve(string? urlOption, string? tokenOption, CliEnvironment environment)
    {
        var path = ConfigFile.PathFor(environment);
        // The file is read only when a flag or variable leaves something missing: a broken file never blocks --url/--token.
        CliSettings? file = null;
        CliSettings File() => file ??= ConfigFile.Read(path) ?? new CliSettings(null, null);

        var url = First(urlOption, environment.Variable(UrlVariable)) ?? Blank(File().Url);
        var token = First(tokenOption, environment.Variable(TokenVariable)) ?? Blank(File().Token);
        if (url is null)
        {
            throw new CliUsageException($"No portal URL: pass --url, set {UrlVariable}, or run adminportal configure --url <url> --token <token> (writes {path}).");
        }

        if (token is null)
        {
            throw new CliUsageException($"No API token: pass --token, set {TokenVariable}, or run adminportal configure --url <url> --token <token> (writes {path}). Create a token on the portal's API tokens page.");
        }

        return new PortalConnection(ParseUrl(url), token);
    }

    /// <summary>An absolute http(s) URL, ending with "/" so that relative API paths resolve under it.</summary>
    public static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliUsageException($"\"{text}\" is not a portal URL: give an http(s) address such as https://portal.example.com.");
        }

        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    private static string? First(string? option, string? variable) => Blank(option) ?? Blank(variable);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
