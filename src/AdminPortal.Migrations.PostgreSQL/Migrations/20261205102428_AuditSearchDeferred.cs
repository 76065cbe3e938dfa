using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    /// <remarks>
    /// Edited by hand (no model change: "SearchVector" is not in the model). The search vector leaves ingestion's path:
    /// computed (unaccent, tsvector) and GIN-indexed as each row was stored, it held COPY FROM into the events to 15-21k
    /// rows/s where the b-trees alone allow 54k (bench/, 5M events). The column becomes a plain one, NULL while the event
    /// waits; the portal's search indexer (PostgreSqlAuditSearchIndexer) fills it in large UPDATEs soon after, and free
    /// text reads the waiting events through a partial index of their own, their vector computed by the same function.
    /// The vectors already stored stay (DROP EXPRESSION keeps the values).
    /// </remarks>
    public partial class AuditSearchDeferred : Migration
    {
        private static readonly string[] Columns = ["EventId", "Login", "Identity", "Action", "CodeLabel", "TargetName", "DisplayLabel", "Payload"];

        // The vector of AuditSearchUnaccent's generated column, as a function of the eight columns: the indexer stores it and
        // a search computes it for a waiting event, so both agree by construction. Its parameters bear the columns' names, so
        // the body is that column's expression; an SQL function of one expression is inlined into the statements calling it.
        private static readonly string CreateVector = $"""
            CREATE FUNCTION "AuditSearchVector"({string.Join(", ", Columns.Select(c => $"\"{c}\" text"))}) RETURNS tsvector
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN to_tsvector('simple', {AuditSearchWords.Spaced($"\"AuditSearchFold\"({AuditSearchWords.Text})")});
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CreateVector);
            // The GIN index holds the filled vectors only (a NULL would add an entry per stored row), and the waiting
            // events have a b-tree of their own, small because the indexer keeps them few.
            migrationBuilder.Sql("""
                ALTER TABLE "AuditEvents" ALTER COLUMN "SearchVector" DROP EXPRESSION;
                DROP INDEX "IX_AuditEvents_SearchVector";
                CREATE INDEX "IX_AuditEvents_SearchVector" ON "AuditEvents" USING gin ("SearchVector") WHERE "SearchVector" IS NOT NULL;
                CREATE INDEX "IX_AuditEvents_SearchPending" ON "AuditEvents" ("Id") WHERE "SearchVector" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_AuditEvents_SearchPending";""");
            migrationBuilder.Sql(AuditSearchWords.Column(AuditSearchWords.Spaced($"\"AuditSearchFold\"({AuditSearchWords.Text})")));
            migrationBuilder.Sql($"""DROP FUNCTION "AuditSearchVector"({string.Join(", ", Columns.Select(_ => "text"))});""");
        }
    }
}
