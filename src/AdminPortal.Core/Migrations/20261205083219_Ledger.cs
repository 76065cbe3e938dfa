using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Core.Migrations
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LedgerEntities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Parent = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LedgerMatches",
                columns: table => new
                {
                    EventId = table.Column<long>(type: "INTEGER", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    EventTimeUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    EntityKind = table.Column<string>(type: "TEXT", nullable: false),
                    EntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    IdentityId = table.Column<long>(type: "INTEGER", nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<int>(type: "INTEGER", nullable: false),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerMatches", x => new { x.EventId, x.Slot });
                });

            migrationBuilder.CreateTable(
                name: "LedgerSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    TakenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Changed = table.Column<int>(type: "INTEGER", nullable: false),
                    Ended = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MatchingPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchingPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LedgerGroupMembers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidFromUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidToUtc = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerGroupMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerGroupMembers_LedgerEntities_GroupId",
                        column: x => x.GroupId,
                        principalTable: "LedgerEntities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LedgerVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntityId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Parent = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    ParentFolded = table.Column<string>(type: "TEXT", nullable: false),
                    KeyFolded = table.Column<string>(type: "TEXT", nullable: false),
                    NameFolded = table.Column<string>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    Sid = table.Column<string>(type: "TEXT", nullable: true),
                    GivenName = table.Column<string>(type: "TEXT", nullable: true),
                    FamilyName = table.Column<string>(type: "TEXT", nullable: true),
                    Email = table.Column<string>(type: "TEXT", nullable: true),
                    EmailFolded = table.Column<string>(type: "TEXT", nullable: true),
                    Organisation = table.Column<string>(type: "TEXT", nullable: true),
                    ValidFromUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidToUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    SnapshotId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerVersions_LedgerEntities_EntityId",
                        column: x => x.EntityId,
                        principalTable: "LedgerEntities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MatchingRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PolicyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", nullable: false),
                    ActorKind = table.Column<string>(type: "TEXT", nullable: false),
                    Comparison = table.Column<string>(type: "TEXT", nullable: false),
                    Attribute = table.Column<string>(type: "TEXT", nullable: false),
                    Pattern = table.Column<string>(type: "TEXT", nullable: true),
                    CompareParent = table.Column<bool>(type: "INTEGER", nullable: false),
                    Display = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchingRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatchingRules_MatchingPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "MatchingPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntities_Kind_Parent_Key",
                table: "LedgerEntities",
                columns: new[] { "Kind", "Parent", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerGroupMembers_AccountId",
                table: "LedgerGroupMembers",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerGroupMembers_GroupId_ValidFromUtc",
                table: "LedgerGroupMembers",
                columns: new[] { "GroupId", "ValidFromUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMatches_EntityId_EventTimeUtc",
                table: "LedgerMatches",
                columns: new[] { "EntityId", "EventTimeUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMatches_EventTimeUtc",
                table: "LedgerMatches",
                column: "EventTimeUtc");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerMatches_IdentityId_EventTimeUtc",
                table: "LedgerMatches",
                columns: new[] { "IdentityId", "EventTimeUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerSnapshots_Kind_TakenAtUtc",
                table: "LedgerSnapshots",
                columns: new[] { "Kind", "TakenAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerVersions_EntityId_ValidFromUtc",
                table: "LedgerVersions",
                columns: new[] { "EntityId", "ValidFromUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerVersions_Kind_EmailFolded",
                table: "LedgerVersions",
                columns: new[] { "Kind", "EmailFolded" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerVersions_Kind_Key_Parent",
                table: "LedgerVersions",
                columns: new[] { "Kind", "Key", "Parent" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerVersions_Kind_KeyFolded_ParentFolded",
                table: "LedgerVersions",
                columns: new[] { "Kind", "KeyFolded", "ParentFolded" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerVersions_Kind_NameFolded_ParentFolded",
                table: "LedgerVersions",
                columns: new[] { "Kind", "NameFolded", "ParentFolded" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerVersions_OwnerId",
                table: "LedgerVersions",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerVersions_Sid",
                table: "LedgerVersions",
                column: "Sid");

            migrationBuilder.CreateIndex(
                name: "IX_MatchingPolicies_Name",
                table: "MatchingPolicies",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MatchingRules_PolicyId_Position",
                table: "MatchingRules",
                columns: new[] { "PolicyId", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LedgerGroupMembers");

            migrationBuilder.DropTable(
                name: "LedgerMatches");

            migrationBuilder.DropTable(
                name: "LedgerSnapshots");

            migrationBuilder.DropTable(
                name: "LedgerVersions");

            migrationBuilder.DropTable(
                name: "MatchingRules");

            migrationBuilder.DropTable(
                name: "LedgerEntities");

            migrationBuilder.DropTable(
                name: "MatchingPolicies");
        }
    }
}
