using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    /// <remarks>
    /// Edited by hand (no model change: "SearchVector" is not in the model). SQLite's full-text index (FTS5, unicode61)
    /// cuts text into runs of letters and digits, so "example" finds alice@example.com; PostgreSQL's parser keeps an
    /// e-mail, a host, a path or a version as one lexeme, and the same search found nothing. The punctuation that makes
    /// those composite tokens becomes a space before the parser sees it, so that the vector holds the same words as
    /// SQLite's index (PostgreSqlAuditSql builds each search word's tsquery from the same runs of letters and digits).
    /// </remarks>
    public partial class AuditSearchWords : Migration
    {
        // Turned into spaces: the characters that join words into PostgreSQL's email / host / url / file / version /
        // hyphenated / signed-number / tag / entity tokens.
        internal const string Breaks = @"@./:-_+<>&;\#=?~%";

        internal static readonly string Text =
            """coalesce("EventId", '') || ' ' || coalesce("Login", '') || ' ' || coalesce("Identity", '') || ' ' || """ +
            """coalesce("Action", '') || ' ' || coalesce("CodeLabel", '') || ' ' || coalesce("TargetName", '') || ' ' || """ +
            """coalesce("DisplayLabel", '') || ' ' || coalesce("Payload", '')""";

        internal static string Column(string text) => $"""
            ALTER TABLE "AuditEvents" DROP COLUMN "SearchVector";
            ALTER TABLE "AuditEvents" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', {text})) STORED;
            CREATE INDEX "IX_AuditEvents_SearchVector" ON "AuditEvents" USING gin ("SearchVector");
            """;

        /// <summary>The text with the <see cref="Breaks"/> turned into spaces.</summary>
        internal static string Spaced(string text) => $"translate({text}, '{Breaks}', '{new string(' ', Breaks.Length)}')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Column(Spaced(Text)));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(Column(Text));
    }
}
