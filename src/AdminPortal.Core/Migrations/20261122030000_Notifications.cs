using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Core.Migrations;

/// <summary>
/// In-app notifications (the bell), newest first per recipient.
/// Hand-written: the SQL is what the model generates for SQLite (MigrationTests compares the two).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122030000_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "Notifications" (
                "Id" INTEGER NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY AUTOINCREMENT,
                "Recipient" TEXT NOT NULL,
                "CreatedAtUtc" TEXT NOT NULL,
                "Severity" TEXT NOT NULL,
                "Title" TEXT NOT NULL,
                "Message" TEXT NOT NULL,
                "Link" TEXT NULL,
                "ReadAtUtc" TEXT NULL
            );
            """);

        migrationBuilder.Sql("""
            CREATE INDEX "IX_Notifications_Recipient_Id" ON "Notifications" ("Recipient", "Id");
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TABLE "Notifications";""");
    }
}
