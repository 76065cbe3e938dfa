using System.Runtime.Versioning;
using AdminPortal.Core.Security.Secrets;
using static AdminPortal.Core.Tests.Security.Secrets.SecretsTestKeys;

namespace AdminPortal.Core.Tests.Security.Secrets;

public sealed class MasterKeyRingTests : IDisposable
{
    private readonly TempDataFolder data = new();

    public void Dispose() => data.Dispose();

    private MasterKeyRing Load(SecretsOptions? options = null) => MasterKeyRing.Load(options ?? new SecretsOptions(), data.Path);

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void On_first_start_the_key_file_is_created_owner_only_in_an_owner_only_folder()
    {
        var ring = Load();

        Assert.True(File.Exists(data.KeyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(data.KeyFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(data.KeyFile)!));
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(data.KeyFile)).Length);
        Assert.Equal(MasterKey.Fingerprint(Convert.FromBase64String(File.ReadAllText(data.KeyFile))), ring.Current.Id);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(data.KeyFile)!, "*.tmp"));
    }

    [Fact]
    public void The_key_file_is_created_beside_the_data_folder_so_a_copy_of_the_data_folder_decrypts_nothing()
    {
        var ring = Load();

        Assert.Equal(data.KeyFile, ring.KeyFile);
        Assert.False(ring.KeyFileInDataFolder);
        Assert.False(Path.Exists(Path.Combine(data.Path, "keys")));
    }

    [Fact]
    public void An_older_install_keeps_its_key_file_inside_the_data_folder_and_is_warned_at_start()
    {
        var key = NewKey();
        Directory.CreateDirectory(Path.GetDirectoryName(data.KeyFileInDataFolder)!);
        File.WriteAllText(data.KeyFileInDataFolder, key + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data.KeyFileInDataFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var logger = new SecretsOptionsTests.CapturingLogger();

        var ring = MasterKeyRing.Load(new SecretsOptions(), data.Path, logger);

        Assert.Equal(MasterKey.Fingerprint(Convert.FromBase64String(key)), ring.Current.Id);
        Assert.True(ring.KeyFileInDataFolder);
        Assert.False(File.Exists(data.KeyFile));
        var warning = Assert.Single(logger.Lines, line => line.Contains("inside the data folder"));
        Assert.Contains(data.KeyFileInDataFolder, warning);
        Assert.Contains(data.KeyFile, warning);
    }

    [Fact]
    public void The_next_start_reuses_the_key_file_and_decrypts_what_the_first_encrypted()
    {
        var first = new SecretProtector(Load());
        var secret = first.Protect("s3cr3t", "integration:1:accountKey");
        var contents = File.ReadAllText(data.KeyFile);

        var second = new SecretProtector(Load());

        Assert.Equal(first.Keys.Current.Id, second.Keys.Current.Id);
        Assert.Equal(contents, File.ReadAllText(data.KeyFile));
        Assert.Equal("s3cr3t", second.Unprotect(secret, "integration:1:accountKey"));
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void A_key_file_readable_by_the_group_stops_the_start_with_the_fix()
    {
        Load();
        File.SetUnixFileMode(data.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var error = Assert.Throws<SecretsConfigurationException>(() => Load());

        Assert.Contains(data.KeyFile, error.Message);
        Assert.Contains("0640", error.Message);
        Assert.Contains("chmod 600", error.Message);
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void A_key_file_readable_by_others_stops_the_start()
    {
        Load();
        File.SetUnixFileMode(data.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        Assert.Throws<SecretsConfigurationException>(() => Load());
    }

    [Fact]
    public void A_key_file_that_is_not_a_key_stops_the_start_without_showing_its_contents()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(data.KeyFile)!);
        File.WriteAllText(data.KeyFile, "c2hvcnQ=");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data.KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var error = Assert.Throws<SecretsConfigurationException>(() => Load());

        Assert.Contains("must be 32 bytes", error.Message);
        Assert.DoesNotContain("c2hvcnQ=", error.Message);
    }

    [Fact]
    public void A_master_key_in_settings_wins_over_the_key_file()
    {
        var fileRing = Load();
        var settingsKey = NewKey();

        var ring = Load(new SecretsOptions { MasterKey = settingsKey });

        Assert.Equal(MasterKey.Fingerprint(Convert.FromBase64String(settingsKey)), ring.Current.Id);
        Assert.NotEqual(fileRing.Current.Id, ring.Current.Id);
        Assert.False(ring.TryGet(fileRing.Current.Id, out _));
    }

    [Fact]
    public void A_master_key_in_settings_creates_no_key_file()
    {
        Load(new SecretsOptions { MasterKey = NewKey() });

        Assert.False(File.Exists(data.KeyFile));
    }

    [Fact]
    public void An_absolute_key_file_path_is_used_as_given()
    {
        var elsewhere = Path.Combine(data.Path, "elsewhere", "portal.key");

        Load(new SecretsOptions { KeyFile = elsewhere });

        Assert.True(File.Exists(elsewhere));
        Assert.False(File.Exists(data.KeyFile));
    }

    [Fact]
    public void Previous_keys_decrypt_but_the_current_key_encrypts()
    {
        var oldKey = NewKey();

        var ring = Load(new SecretsOptions { MasterKey = NewKey(), PreviousKeys = [new() { Id = "old", Key = oldKey }] });

        Assert.Equal(["old"], ring.KeyIds.Skip(1));
        Assert.True(ring.TryGet("old", out _));
    }

    [Fact]
    public void Two_different_keys_with_one_id_are_refused()
    {
        var options = new SecretsOptions { MasterKey = NewKey(), MasterKeyId = "prod", PreviousKeys = [new() { Id = "prod", Key = NewKey() }] };

        var error = Assert.Throws<SecretsConfigurationException>(() => Load(options));

        Assert.Contains("'prod'", error.Message);
    }
}
