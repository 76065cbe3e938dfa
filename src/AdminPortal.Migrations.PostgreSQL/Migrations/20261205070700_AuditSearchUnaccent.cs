using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    /// <remarks>
    /// Edited by hand (no model change: "SearchVector" is not in the model). SQLite's full-text index folds diacritics
    /// (unicode61 remove_diacritics), so "resume" finds "résumé"; the "simple" configuration keeps them, and the same
    /// search found nothing on PostgreSQL. The vector's text now goes through "AuditSearchFold" (the `unaccent`
    /// extension, shipped with PostgreSQL's contrib, a trusted extension a database owner may create), and
    /// PostgreSqlAuditSql folds each search word with the same function.
    /// </remarks>
    public partial class AuditSearchUnaccent : Migration
    {
        // A generated column takes immutable functions only, and unaccent(text) is stable (it finds its dictionary on the
        // search_path): the wrapper names the dictionary, and its SQL-standard body is bound when created, so the
        // search_path a later session has does not change it. Quotes and backslashes that folding makes (ʼ and ŉ give
        // an apostrophe) become spaces, which the text parser takes them for anyway: a folded search word then never
        // holds a character that ends or escapes its quoted lexeme in the tsquery.
        private const string CreateFold = """
            CREATE EXTENSION IF NOT EXISTS unaccent;
            DO $do$
            DECLARE s text := (SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent');
            BEGIN
                EXECUTE format($f$CREATE FUNCTION "AuditSearchFold"(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                    RETURN translate(%1$s.unaccent(%2$L::regdictionary, t), E'\'\\', '  ')$f$, s, s || '.unaccent');
            END $do$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CreateFold);
            migrationBuilder.Sql(AuditSearchWords.Column(AuditSearchWords.Spaced($"\"AuditSearchFold\"({AuditSearchWords.Text})")));
        }

        /// <inheritdoc />
        /// <remarks>The extension stays: other objects of the database may have come to use it.</remarks>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AuditSearchWords.Column(AuditSearchWords.Spaced(AuditSearchWords.Text)));
            migrationBuilder.Sql("DROP FUNCTION \"AuditSearchFold\"(text);");
        }
    }
}
