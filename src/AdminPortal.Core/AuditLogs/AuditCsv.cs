namespace AdminPortal.Core.AuditLogs;

/// <summary>
/// AUDIT_LOGS as CSV: the header is the column names, the cells the values as the grid shows them
/// (<see cref="AuditEventValues.Text"/>), RFC 4180 quoted. The explorer's download and the scheduled exports share it.
/// </summary>
public static class AuditCsv
{
    public static string Header(IReadOnlyList<AuditColumn> columns, bool formulaGuard) =>
        string.Join(",", columns.Select(c => Cell(c.Name, formulaGuard)));

    public static string Row(AuditEvent e, IReadOnlyList<AuditColumn> columns, bool formulaGuard) =>
        string.Join(",", columns.Select(c => Cell(AuditEventValues.Text(e, c.Name), formulaGuard)));

    /// <summary>
    /// RFC 4180 quoting. With <paramref name="formulaGuard"/>, a leading quote for cells a spreadsheet would run as a
    /// formula: right for a download a person opens, wrong for an archive a machine reads (it would change "-1").
    /// </summary>
    public static string Cell(string value, bool formulaGuard)
    {
        if (formulaGuard && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
