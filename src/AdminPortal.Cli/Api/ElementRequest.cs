using System.Text.Json;

namespace AdminPortal.Cli.Api;

/// <summary>A table element to add: its name and explorer state.</summary>
public sealed record ElementRequest(string? Name, JsonElement State);
