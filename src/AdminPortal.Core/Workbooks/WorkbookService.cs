using System.Security.Claims;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Workbooks;

/// <summary>
/// Save As, open, rename, duplicate, delete. Admins and Auditors save workbooks; each belongs to its owner,
/// and only the owner (or an Admin) may change or delete it. Role and owner are the database's word, not the principal's.
/// </summary>
public sealed class WorkbookService(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions, TimeProvider clock)
{
    public static Result ValidateName(string? name, string? folder)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Result.Fail("Name", "Give the workbook a name.");
        }

        if (name.Trim().Length > 120)
        {
            return Result.Fail("Name", "A workbook name has at most 120 characters.");
        }

        return (folder?.Trim().Length ?? 0) > 120
            ? Result.Fail("Folder", "A folder name has at most 120 characters.")
            : Result.Success;
    }

    /// <summary>A new workbook of one table element (<paramref name="elementName"/>, AUDIT_LOGS when empty) showing <paramref name="state"/>.</summary>
    public async Task<Result<int>> SaveAsAsync(ClaimsPrincipal user, string name, string? folder, ExplorerState state,
        string? elementName = null, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        var check = ValidateName(name, folder);
        if (!check.Succeeded)
        {
            return check.AsFailure<int>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var workbook = new Workbook
        {
            Name = name.Trim(),
            Folder = folder?.Trim() ?? "",
            OwnerId = session.Id,
            OwnerEmail = user.ActorName(),
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
            Elements = [new TableElement
            {
                Name = string.IsNullOrWhiteSpace(elementName) ? "AUDIT_LOGS" : elementName.Trim(), Position = 0, StateJson = state.Sanitized().ToJson(),
            }],
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Workbooks.Add(workbook);
        await db.SaveChangesAsync(ct);
        return Result.Ok(workbook.Id);
    }

    public async Task<IReadOnlyList<WorkbookSummary>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        var owner = session.Id;
        var admin = session.IsInRole(PortalRoles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Workbooks.AsNoTracking()
            .Where(w => admin || w.OwnerId == owner)
            .OrderBy(w => w.Folder).ThenBy(w => w.Name)
            .Select(w => new WorkbookSummary(w.Id, w.Name, w.Folder, w.OwnerEmail, w.Elements.Count, w.UpdatedAtUtc))
            .ToListAsync(ct);
    }

    /// <summary>A page of the workbooks the user may open (an Admin: all), sorted by the database; by name when unsorted.</summary>
    public async Task<ListPage<WorkbookSummary>> PageAsync(ClaimsPrincipal user, ListQuery query, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        var owner = session.Id;
        var admin = session.IsInRole(PortalRoles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = db.Workbooks.AsNoTracking().Where(w => admin || w.OwnerId == owner);
        var sorted = query.SortBy switch
        {
            nameof(WorkbookSummary.Folder) => query.Order(visible, w => w.Folder),
            nameof(WorkbookSummary.OwnerEmail) => query.Order(visible, w => w.OwnerEmail),
            nameof(WorkbookSummary.Elements) => query.Order(visible, w => w.Elements.Count),
            nameof(WorkbookSummary.UpdatedAtUtc) => query.Order(visible, w => w.UpdatedAtUtc),
            _ => query.Order(visible, w => w.Name),
        };
        // The id last, so that equal keys keep one order from page to page.
        var rows = await sorted.ThenBy(w => w.Id).Skip(query.SafeSkip).Take(query.SafeTake)
            .Select(w => new WorkbookSummary(w.Id, w.Name, w.Folder, w.OwnerEmail, w.Elements.Count, w.UpdatedAtUtc))
            .ToListAsync(ct);
        return new ListPage<WorkbookSummary>(rows, await visible.CountAsync(ct));
    }

    public async Task<Workbook?> GetAsync(ClaimsPrincipal user, int id, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        return await FindAsync(session, id, ct);
    }

    /// <summary>Saves the explorer's state into an element of a workbook the user may change.</summary>
    public async Task<Result> SaveElementAsync(ClaimsPrincipal user, int workbookId, int elementId, ExplorerState state, CancellationToken ct = default)
    {
        return await ChangeAsync(user, workbookId, ct, (db, workbook) =>
        {
            var element = workbook.Elements.FirstOrDefault(e => e.Id == elementId);
            if (element is null)
            {
                return Result.NotFound("That table element no longer exists.");
            }

            element.StateJson = state.Sanitized().ToJson();
            return Result.Success;
        });
    }

    /// <summary>Adds a table element (a copy of the given state) to the workbook.</summary>
    public async Task<Result<int>> AddElementAsync(ClaimsPrincipal user, int workbookId, string name, ExplorerState state, CancellationToken ct = default)
    {
        TableElement? added = null;
        var result = await ChangeAsync(user, workbookId, ct, (db, workbook) =>
        {
            added = new TableElement
            {
                Name = string.IsNullOrWhiteSpace(name) ? $"AUDIT_LOGS {workbook.Elements.Count + 1}" : name.Trim(),
                Position = workbook.Elements.Count == 0 ? 0 : workbook.Elements.Max(e => e.Position) + 1,
                StateJson = state.Sanitized().ToJson(),
            };
            workbook.Elements.Add(added);
            return Result.Success;
        });
        return result.Succeeded ? Result.Ok(added!.Id) : result.AsFailure<int>();
    }

    public Task<Result> RenameAsync(ClaimsPrincipal user, int id, string name, string? folder, CancellationToken ct = default) =>
        ChangeAsync(user, id, ct, (db, workbook) =>
        {
            workbook.Name = name.Trim();
            workbook.Folder = folder?.Trim() ?? "";
            return Result.Success;
        }, name, folder);

    public async Task<Result<int>> DuplicateAsync(ClaimsPrincipal user, int id, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        var source = await FindAsync(session, id, ct);
        if (source is null)
        {
            return Result<int>.NotFound("That workbook no longer exists.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var copy = new Workbook
        {
            Name = (source.Name + " (copy)")[..Math.Min(120, source.Name.Length + 7)],
            Folder = source.Folder,
            OwnerId = session.Id,
            OwnerEmail = user.ActorName(),
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
            Elements = source.Elements.Select(e => new TableElement { Name = e.Name, Position = e.Position, StateJson = e.StateJson }).ToList(),
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Workbooks.Add(copy);
        await db.SaveChangesAsync(ct);
        return Result.Ok(copy.Id);
    }

    public async Task<Result> DeleteAsync(ClaimsPrincipal user, int id, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workbook = await db.Workbooks.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (workbook is null || !session.MayChange(workbook.OwnerId))
        {
            return Result.NotFound("That workbook no longer exists, or it is not yours.");
        }

        db.Workbooks.Remove(workbook);
        await db.SaveChangesAsync(ct);
        return Result.Success;
    }

    private async Task<Result> ChangeAsync(
        ClaimsPrincipal user, int id, CancellationToken ct, Func<PortalDbContext, Workbook, Result> change,
        string? newName = null, string? newFolder = null)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        if (newName is not null)
        {
            var check = ValidateName(newName, newFolder);
            if (!check.Succeeded)
            {
                return check;
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workbook = await db.Workbooks.Include(w => w.Elements).FirstOrDefaultAsync(w => w.Id == id, ct);
        if (workbook is null || !session.MayChange(workbook.OwnerId))
        {
            return Result.NotFound("That workbook no longer exists, or it is not yours.");
        }

        var result = change(db, workbook);
        if (result.Succeeded)
        {
            workbook.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return result;
    }

    private async Task<Workbook?> FindAsync(SessionUser session, int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workbook = await db.Workbooks.AsNoTracking().Include(w => w.Elements.OrderBy(e => e.Position)).FirstOrDefaultAsync(w => w.Id == id, ct);
        return workbook is not null && session.MayChange(workbook.OwnerId) ? workbook : null;
    }
}
