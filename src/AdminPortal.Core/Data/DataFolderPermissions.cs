using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Data;

/// <summary>
/// Keeps the data folder owner-only (0700) and the database files in it 0600: they hold every audit event, the
/// users' password hashes and the encrypted secrets, and SQLite would create them 0644 (less the umask).
/// </summary>
public static class DataFolderPermissions
{
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    internal const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The database and search index with their write-ahead logs and shared-memory files.</summary>
    public static IEnumerable<string> DatabaseFiles(DatabaseOptions options) =>
        from file in new[] { options.FullPath, options.SearchIndexPath }
        from suffix in new[] { "", "-wal", "-shm", "-journal" }
        select file + suffix;

    /// <summary>
    /// Creates the data folder 0700 and the two database files empty and 0600 before SQLite opens them (an empty file
    /// is an empty database), so that SQLite, which gives -wal and -shm the database file's mode, never creates
    /// anything readable by others; tightens what an older version left readable.
    /// </summary>
    public static void Secure(DatabaseOptions options, ILogger logger)
    {
        var folder = Path.GetDirectoryName(options.FullPath)!;
        if (OperatingSystem.IsWindows())
        {
            // Windows: the folder's ACL, inherited by the files, is what protects them.
            Directory.CreateDirectory(folder);
            return;
        }

        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }
        else
        {
            Tighten(folder, OwnerOnlyFolder, logger);
        }

        foreach (var file in new[] { options.FullPath, options.SearchIndexPath })
        {
            CreateOwnerOnly(file);
        }

        foreach (var file in DatabaseFiles(options))
        {
            Tighten(file, OwnerOnlyFile, logger);
        }
    }

    private static void CreateOwnerOnly(string path)
    {
        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnlyFile,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Already there: tightened below if needed.
        }
    }

    private static void Tighten(string path, UnixFileMode mode, ILogger logger)
    {
        if (OperatingSystem.IsWindows() || !Path.Exists(path))
        {
            return;
        }

        var current = File.GetUnixFileMode(path);
        if ((current & GroupOrOthers) == 0)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(path, mode);
            logger.LogWarning("{Path} was readable by other users (mode {Mode}); it is now {NewMode}", path, Octal(current), Octal(mode));
        }
        catch (UnauthorizedAccessException)
        {
            logger.LogError("{Path} is readable by other users (mode {Mode}) and the portal cannot change it: run `chmod {NewMode} '{Path}'`",
                path, Octal(current), Octal(mode), path);
        }
    }

    internal static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
