using System.Text.Json;
using AdminPortal.Cli.Api;

namespace AdminPortal.Cli.Configuration;

/// <summary><c>~/.config/adminportal/config.json</c> (or under <c>$XDG_CONFIG_HOME</c>): the URL and token <c>configure</c> saved.</summary>
public static class ConfigFile
{
    public static string PathFor(CliEnvironment environment)
    {
        var root = environment.Variable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment.HomeDirectory, ".config");
        return Path.Combine(root, "adminportal", "config.json");
    }

    /// <summary>The saved settings, or null when there is no file.</summary>
    public static CliSettings? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CliJsonContext.Default.CliSettings);
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"{path} is not valid JSON (line {e.LineNumber + 1}): run adminportal configure --url <url> --token <token> to write it again.");
        }
    }

    /// <summary>Writes the file readable by its owner only (0600): it holds a bearer token.</summary>
    public static void Write(string path, CliSettings settings)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var json = JsonSerializer.Serialize(settings, CliJsonContext.Default.CliSettings);
        var temporary = path + ".tmp";
        // Created 0600 before the token is written, then renamed over the old file: no moment where others can read it.
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = OperatingSystem.IsWindows() ? null : UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(json);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only when the file is new; a .tmp left by a crash keeps its old mode otherwise.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
