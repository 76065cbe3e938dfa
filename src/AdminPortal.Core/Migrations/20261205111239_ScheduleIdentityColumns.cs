using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Core.Migrations
{
    /// <inheritdoc />
    public partial class ScheduleIdentityColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IncludeIdentityColumns",
                table: "ScheduledExports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IncludeIdentityColumns",
                table: "ScheduledExports");
        }
    }
}
