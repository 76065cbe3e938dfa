using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Core.Migrations
{
    /// <inheritdoc />
    public partial class ScheduleFirstRun : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FirstRun",
                table: "ScheduledExports",
                type: "TEXT",
                nullable: false,
                defaultValue: "AllRetainedEvents");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FirstRun",
                table: "ScheduledExports");
        }
    }
}
