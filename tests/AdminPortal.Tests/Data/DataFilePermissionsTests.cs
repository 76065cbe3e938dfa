using System.Net;
using System.Runtime.Versioning;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Data;

[UnsupportedOSPlatform("windows")]
public sealed class DataFilePermissionsTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    private readonly PortalFactory portal = new();

    [Fact]
    public async Task After_start_and_a_write_the_data_folder_is_0700_and_the_database_and_search_index_files_are_0600()
    {
        var client = portal.CreateBrowserLikeClient();
        // A sign-in writes its audit event, so the write-ahead logs exist.
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password)).StatusCode);
        // The search index is written by the background indexer: its files exist once it has indexed that event.
        await portal.Services.GetRequiredService<AuditSearchIndexer>().CatchUpAsync();

        var files = Directory.GetFiles(portal.DataFolder, "portal*");
        var search = new DatabaseOptions { Path = portal.DatabasePath }.SearchIndexPath;
        Assert.Contains(portal.DatabasePath, files);
        Assert.Contains(portal.DatabasePath + "-wal", files);
        Assert.Contains(portal.DatabasePath + "-shm", files);
        Assert.Contains(search, files);
        Assert.Contains(search + "-wal", files);
        Assert.All(files, file => Assert.Equal((file, OwnerOnlyFile), (file, File.GetUnixFileMode(file))));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(portal.DataFolder));
    }

    [Fact]
    public async Task Files_an_older_version_left_readable_by_others_are_made_owner_only_at_start()
    {
        Directory.CreateDirectory(portal.DataFolder);
        File.SetUnixFileMode(portal.DataFolder, (UnixFileMode)0b111_101_101); // 0755
        await File.WriteAllBytesAsync(portal.DatabasePath, []);
        File.SetUnixFileMode(portal.DatabasePath, (UnixFileMode)0b110_100_100); // 0644

        Assert.Equal(HttpStatusCode.OK, (await portal.CreateBrowserLikeClient().GetAsync("/healthz")).StatusCode);

        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(portal.DatabasePath));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(portal.DataFolder));
    }

    [Fact]
    public async Task A_new_install_keeps_the_master_key_outside_the_data_folder_and_General_Settings_shows_no_warning()
    {
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password);

        var page = await client.GetStringAsync("/admin/settings");

        Assert.True(File.Exists(Path.Combine(portal.DataDirectory, "keys", "secrets.key")));
        Assert.False(File.Exists(Path.Combine(portal.DataFolder, "keys", "secrets.key")));
        Assert.Contains("data-testid=\"master-key\"", page);
        Assert.DoesNotContain("data-testid=\"key-in-data-folder\"", page);
    }

    [Fact]
    public async Task General_Settings_warns_when_the_master_key_file_is_inside_the_data_folder()
    {
        // An install from before the key moved out: its key file is in data/keys and must keep working.
        var legacyKey = Path.Combine(portal.DataFolder, "keys", "secrets.key");
        Directory.CreateDirectory(Path.GetDirectoryName(legacyKey)!, OwnerOnlyFolder);
        await File.WriteAllTextAsync(legacyKey, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\n");
        File.SetUnixFileMode(legacyKey, OwnerOnlyFile);
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password);

        var page = await client.GetStringAsync("/admin/settings");

        Assert.Contains("data-testid=\"key-in-data-folder\"", page);
        Assert.Contains(legacyKey, page);
        Assert.False(File.Exists(Path.Combine(portal.DataDirectory, "keys", "secrets.key")));
    }

    public void Dispose() => portal.Dispose();
}
