using AdminPortal.Core.Data;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// Holds an upload before it is read into the database: in memory up to 1 MB, beyond that in a file of the data
/// folder's "spool" folder (owner-only, deleted on close). The writer holds its one transaction, and the write gate
/// every other batch waits at, while it reads a batch: read from here it takes as long as the parsing and the inserts,
/// not as long as a slow sender takes to upload, and the batch is never held whole in memory.
/// </summary>
public sealed class IngestionSpool(IOptions<DatabaseOptions> database)
{
    /// <summary>Bodies up to this size stay in memory: most batches, without a file's system calls.</summary>
    public const int InMemoryBytes = 1024 * 1024;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary>The folder of spooled uploads.</summary>
    public string Folder => Path.Combine(Path.GetDirectoryName(database.Value.FullPath)!, "spool");

    /// <summary>Reads <paramref name="source"/> to its end; the returned stream reads it again from the start.</summary>
    public async Task<Stream> SpoolAsync(Stream source, CancellationToken ct)
    {
        var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            memory.Write(buffer, 0, read);
            if (memory.Length > InMemoryBytes)
            {
                return await SpoolToFileAsync(memory, source, buffer, ct);
            }
        }
        memory.Position = 0;
        return memory;
    }

    private async Task<Stream> SpoolToFileAsync(MemoryStream head, Stream source, byte[] buffer, CancellationToken ct)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
        }
        else
        {
            Directory.CreateDirectory(Folder, OwnerOnlyFolder);
        }
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        var file = new FileStream(Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".upload"), options);
        try
        {
            await file.WriteAsync(head.GetBuffer().AsMemory(0, (int)head.Length), ct);
            int read;
            while ((read = await source.ReadAsync(buffer, ct)) > 0)
            {
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
