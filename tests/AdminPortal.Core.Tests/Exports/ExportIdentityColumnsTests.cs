using System.Text;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Exports;

namespace AdminPortal.Core.Tests.Exports;

public sealed class ExportIdentityColumnsTests
{
    private static readonly string[] Chosen = [nameof(AuditEvent.Login), nameof(AuditEvent.Count)];

    [Fact]
    public void Without_identity_columns_the_export_reads_its_columns_from_the_events_alone_and_joins_nothing()
    {
        var shape = ExportRowShape.For(ExportSerializer.ColumnsFor(Chosen));

        Assert.Equal("e.\"Id\", e.\"EventTimeUtc\", e.\"Login\", e.\"Count\", e.\"EventId\"", shape.SelectList);
        Assert.Equal("", shape.Joins);
    }

    [Fact]
    public void With_identity_columns_each_slot_is_one_left_join_on_the_matches_key_read_after_the_elements_columns()
    {
        var columns = ExportSerializer.ColumnsFor(Chosen, identityColumns: true);
        var shape = ExportRowShape.For(columns);

        string[] names = [nameof(AuditEvent.Login), nameof(AuditEvent.Count), nameof(AuditEvent.EventId), .. ExportIdentityColumns.All.Select(c => c.Name)];
        Assert.Equal(names, columns.Select(c => c.Name));
        Assert.Equal(12, ExportIdentityColumns.All.Count);
        Assert.Equal(
            " LEFT JOIN \"LedgerMatches\" mact ON mact.\"EventId\" = e.\"Id\" AND mact.\"Slot\" = 0" +
            " LEFT JOIN \"LedgerMatches\" mtgt ON mtgt.\"EventId\" = e.\"Id\" AND mtgt.\"Slot\" = 1" +
            " LEFT JOIN \"LedgerMatches\" msnd ON msnd.\"EventId\" = e.\"Id\" AND msnd.\"Slot\" = 2",
            shape.Joins);
        Assert.EndsWith("e.\"EventId\", mact.\"EntityKind\", mact.\"EntityId\", mact.\"IdentityId\", mact.\"DisplayName\", mtgt.\"EntityKind\", " +
            "mtgt.\"EntityId\", mtgt.\"IdentityId\", mtgt.\"DisplayName\", msnd.\"EntityKind\", msnd.\"EntityId\", msnd.\"IdentityId\", msnd.\"DisplayName\"",
            shape.SelectList);
    }

    [Fact]
    public void An_event_in_memory_has_the_identity_columns_empty_in_csv()
    {
        var serializer = ExportSerializer.Create(ExportFormat.Csv, ExportSerializer.ColumnsFor([nameof(AuditEvent.Login)], identityColumns: true));

        serializer.Begin();
        serializer.Write(new AuditEvent { EventId = "ev-1", Login = "jdoe" });

        var lines = Encoding.UTF8.GetString(serializer.Pending.Span).Split('\n');
        Assert.StartsWith("Login,EventId,ActorEntityKind,ActorEntityId,ActorIdentityId,ActorDisplayName,TargetEntityKind,", lines[0]);
        Assert.Equal("jdoe,ev-1" + new string(',', 12), lines[1]);
    }
}
