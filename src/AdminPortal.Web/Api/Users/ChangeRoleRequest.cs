namespace AdminPortal.Web.Api.Users;

/// <summary>PUT /api/users/{id}/role: Admin or Auditor.</summary>
public sealed record ChangeRoleRequest(string Role);
