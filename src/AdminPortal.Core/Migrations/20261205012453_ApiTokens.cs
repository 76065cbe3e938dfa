using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Core.Migrations
{
    /// <inheritdoc />
    public partial class ApiTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_Hash",
                table: "ApiTokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_UserId",
                table: "ApiTokens",
                column: "UserId");

            // One token kind: every ingestion token of before becomes an API token with audit:ingest, same hash, prefix,
            // name and dates, so that senders keep working. It acts as the user who created it (CreatedBy is that
            // Admin's e-mail); when that user is gone it has no user and keeps audit:ingest alone.
            migrationBuilder.Sql("""
                INSERT INTO "ApiTokens" ("Id", "UserId", "Name", "Prefix", "Hash", "Scopes", "CreatedAtUtc", "CreatedBy", "ExpiresAtUtc", "LastUsedAtUtc", "RevokedAtUtc", "RevokedBy")
                SELECT t."Id",
                       (SELECT u."Id" FROM "AspNetUsers" u WHERE u."NormalizedEmail" = upper(t."CreatedBy") OR u."Email" = t."CreatedBy" LIMIT 1),
                       t."Name", t."Prefix", t."Hash", 'audit:ingest', t."CreatedAtUtc", t."CreatedBy", NULL, t."LastUsedAtUtc", t."RevokedAtUtc", t."RevokedBy"
                FROM "IngestionTokens" t;
                """);

            migrationBuilder.DropTable(
                name: "IngestionTokens");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IngestionTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    LastUsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", nullable: false),
                    RevokedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IngestionTokens", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IngestionTokens_Hash",
                table: "IngestionTokens",
                column: "Hash",
                unique: true);

            // Back to ingestion tokens: those that could ingest; tokens of the other scopes did not exist before.
            migrationBuilder.Sql("""
                INSERT INTO "IngestionTokens" ("Id", "Name", "Prefix", "Hash", "CreatedAtUtc", "CreatedBy", "LastUsedAtUtc", "RevokedAtUtc", "RevokedBy")
                SELECT "Id", "Name", "Prefix", "Hash", "CreatedAtUtc", "CreatedBy", "LastUsedAtUtc", "RevokedAtUtc", "RevokedBy"
                FROM "ApiTokens" WHERE ' ' || "Scopes" || ' ' LIKE '% audit:ingest %' OR ' ' || "Scopes" || ' ' LIKE '% admin %';
                """);

            migrationBuilder.DropTable(
                name: "ApiTokens");
        }
    }
}
