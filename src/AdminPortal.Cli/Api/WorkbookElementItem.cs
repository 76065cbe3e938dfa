using System.Text.Json;

namespace AdminPortal.Cli.Api;

/// <summary>A table element: its explorer state (<c>{}</c> = every audit event).</summary>
public sealed record WorkbookElementItem(int Id, string? Name, JsonElement? State);
