using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Core.Migrations;

/// <summary>
/// Audit log storage integrations (S3, Azure Blob, GCS): destination, auth method, the encrypted secret and the last test.
/// Hand-written: the SQL is what the model generates for SQLite (MigrationTests compares the two).
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122020000_StorageIntegrations")]
public sealed class StorageIntegrations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "StorageIntegrations" (
                "Id" TEXT NOT NULL CONSTRAINT "PK_StorageIntegrations" PRIMARY KEY,
                "Name" TEXT NOT NULL,
                "Cloud" TEXT NOT NULL,
                "AuthMethod" TEXT NOT NULL,
                "Bucket" TEXT NOT NULL,
                "AccountName" TEXT NULL,
                "Prefix" TEXT NOT NULL,
                "Region" TEXT NULL,
                "ServiceUrl" TEXT NULL,
                "PathStyle" INTEGER NOT NULL,
                "RoleArn" TEXT NULL,
                "TenantId" TEXT NULL,
                "AccessKeyId" TEXT NULL,
                "ExternalId" TEXT NULL,
                "EncryptedSecret" TEXT NULL,
                "LastTestStatus" TEXT NULL,
                "LastTestHint" TEXT NULL,
                "LastTestedAtUtc" TEXT NULL,
                "ConsecutiveFailures" INTEGER NOT NULL,
                "CreatedAtUtc" TEXT NOT NULL,
                "CreatedBy" TEXT NOT NULL,
                "UpdatedAtUtc" TEXT NOT NULL
            );
            """);

        migrationBuilder.Sql("""
            CREATE UNIQUE INDEX "IX_StorageIntegrations_Name" ON "StorageIntegrations" ("Name");
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TABLE "StorageIntegrations";""");
    }
}
