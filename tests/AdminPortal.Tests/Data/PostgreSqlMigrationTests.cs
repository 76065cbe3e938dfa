using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Data;

public sealed class PostgreSqlMigrationTests() : MigrationTests(DatabaseProvider.PostgreSQL)
{
    /// <summary>
    /// Migration AuditEventsPartitioned: the events partitioned by month (a primary key must include the partition key,
    /// a sequence stands in for the identity PostgreSQL 15 refuses there, the event id's uniqueness moves to
    /// AuditEventIds), the hours' counts and the free-text vector with its GIN index; migration AuditSearchDeferred: the
    /// vector filled behind ingestion, the GIN index of the filled ones and a b-tree of the waiting ones.
    /// </summary>
    protected override Dictionary<string, string[]> HandMade => new()
    {
        ["column AuditEvents.Id: bigint NO "] = ["column AuditEvents.Id: bigint NO nextval('\"AuditEvents_Id_seq\"'::regclass)"],
        ["constraint \"AuditEvents\".PK_AuditEvents: PRIMARY KEY (\"Id\")"] =
            ["constraint \"AuditEvents\".PK_AuditEvents: PRIMARY KEY (\"Id\", \"EventTimeUtc\")"],
        ["index PK_AuditEvents: CREATE UNIQUE INDEX \"PK_AuditEvents\" ON public.\"AuditEvents\" USING btree (\"Id\")"] =
            ["index PK_AuditEvents: CREATE UNIQUE INDEX \"PK_AuditEvents\" ON public.\"AuditEvents\" USING btree (\"Id\", \"EventTimeUtc\")"],
        ["index IX_AuditEvents_EventId: CREATE UNIQUE INDEX \"IX_AuditEvents_EventId\" ON public.\"AuditEvents\" USING btree (\"EventId\")"] =
            ["index IX_AuditEvents_EventId: CREATE INDEX \"IX_AuditEvents_EventId\" ON public.\"AuditEvents\" USING btree (\"EventId\")"],
        [""] =
        [
            "column AuditEventHours.Events: bigint NO ",
            "column AuditEventHours.HourUtc: bigint NO ",
            "column AuditEventIds.EventId: text NO ",
            "column AuditEvents.SearchVector: tsvector YES ",
            "constraint \"AuditEventHours\".PK_AuditEventHours: PRIMARY KEY (\"HourUtc\")",
            "constraint \"AuditEventIds\".PK_AuditEventIds: PRIMARY KEY (\"EventId\")",
            "index IX_AuditEvents_SearchPending: CREATE INDEX \"IX_AuditEvents_SearchPending\" ON public.\"AuditEvents\" USING btree (\"Id\") WHERE (\"SearchVector\" IS NULL)",
            "index IX_AuditEvents_SearchVector: CREATE INDEX \"IX_AuditEvents_SearchVector\" ON public.\"AuditEvents\" USING gin (\"SearchVector\") WHERE (\"SearchVector\" IS NOT NULL)",
            "index PK_AuditEventHours: CREATE UNIQUE INDEX \"PK_AuditEventHours\" ON public.\"AuditEventHours\" USING btree (\"HourUtc\")",
            "index PK_AuditEventIds: CREATE UNIQUE INDEX \"PK_AuditEventIds\" ON public.\"AuditEventIds\" USING btree (\"EventId\")",
        ],
    };
}
