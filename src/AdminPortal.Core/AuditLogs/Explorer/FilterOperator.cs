using System.Text.Json.Serialization;

namespace AdminPortal.Core.AuditLogs.Explorer;

[JsonConverter(typeof(JsonStringEnumConverter))]
public enum FilterOperator
{
    Contains,
    Equals,
    NotEquals,
    StartsWith,
    In,
    IsEmpty,
    IsNotEmpty,
    GreaterOrEqual,
    LessOrEqual,
}
