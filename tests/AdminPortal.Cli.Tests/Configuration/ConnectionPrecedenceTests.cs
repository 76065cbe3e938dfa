using AdminPortal.Cli.Configuration;
using AdminPortal.Cli.Tests.Infrastructure;

namespace AdminPortal.Cli.Tests.Configuration;

public sealed class ConnectionPrecedenceTests : IDisposable
{
    private readonly CliRun cli = new();

    private CliEnvironment Environment(Dictionary<string, string>? variables = null) =>
        new(name => variables?.GetValueOrDefault(name), cli.Home, TextWriter.Null, TextWriter.Null);

    private void SaveFile(string url, string token) =>
        ConfigFile.Write(ConfigFile.PathFor(Environment()), new CliSettings(url, token));

    private static Dictionary<string, string> Variables(string url, string token) =>
        new() { [ConnectionResolver.UrlVariable] = url, [ConnectionResolver.TokenVariable] = token };

    [Fact]
    public void Flags_win_over_the_environment_and_the_file()
    {
        SaveFile("https://file.example.com", "apt_file");

        var connection = ConnectionResolver.Resolve("https://flag.example.com", "apt_flag", Environment(Variables("https://env.example.com", "apt_env")));

        Assert.Equal(new PortalConnection(new Uri("https://flag.example.com/"), "apt_flag"), connection);
    }

    [Fact]
    public void The_environment_wins_over_the_file()
    {
        SaveFile("https://file.example.com", "apt_file");

        var connection = ConnectionResolver.Resolve(null, null, Environment(Variables("https://env.example.com/portal", "apt_env")));

        Assert.Equal(new PortalConnection(new Uri("https://env.example.com/portal/"), "apt_env"), connection);
    }

    [Fact]
    public void The_file_is_used_for_what_neither_flags_nor_environment_give()
    {
        SaveFile("https://file.example.com", "apt_file");

        var connection = ConnectionResolver.Resolve(null, "apt_flag", Environment());

        Assert.Equal(new PortalConnection(new Uri("https://file.example.com/"), "apt_flag"), connection);
    }

    [Fact]
    public void Xdg_config_home_moves_the_file()
    {
        var xdg = Path.Combine(cli.Home, "xdg");

        var path = ConfigFile.PathFor(Environment(new() { ["XDG_CONFIG_HOME"] = xdg }));

        Assert.Equal(Path.Combine(xdg, "adminportal", "config.json"), path);
    }

    [Fact]
    public async Task Configure_writes_the_url_and_token_readable_by_the_owner_only()
    {
        var exit = await cli.RunAsync("configure", "--url", "https://portal.example.com", "--token", "apt_secret");

        Assert.Equal(ExitCodes.Ok, exit);
        var path = Path.Combine(cli.Home, ".config", "adminportal", "config.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(new CliSettings("https://portal.example.com/", "apt_secret"), ConfigFile.Read(path));
    }

    [Fact]
    public async Task Configure_over_a_file_others_could_read_makes_it_owner_only()
    {
        var path = Path.Combine(cli.Home, ".config", "adminportal", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await cli.RunAsync("configure", "--url", "https://portal.example.com", "--token", "apt_secret");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    public void Dispose() => cli.Dispose();
}
