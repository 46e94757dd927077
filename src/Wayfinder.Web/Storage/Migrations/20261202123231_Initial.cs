using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wayfinder.Web.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Workspaces",
                columns: table => new
                {
                    Id = table.Column<string>(maxLength: 100, nullable: false),
                    Name = table.Column<string>(maxLength: 200, nullable: false),
                    ConfigText = table.Column<string>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workspaces", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Documents",
                columns: table => new
                {
                    Key = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceId = table.Column<string>(maxLength: 100, nullable: false),
                    Kind = table.Column<string>(maxLength: 20, nullable: false),
                    DocumentId = table.Column<string>(maxLength: 200, nullable: true),
                    File = table.Column<string>(maxLength: 400, nullable: false),
                    Text = table.Column<string>(nullable: false),
                    Revision = table.Column<int>(nullable: false),
                    Sequence = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Documents", x => x.Key);
                    table.ForeignKey(
                        name: "FK_Documents_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Revisions",
                columns: table => new
                {
                    DocumentKey = table.Column<long>(nullable: false),
                    Number = table.Column<int>(nullable: false),
                    Revision = table.Column<int>(nullable: false),
                    Text = table.Column<string>(nullable: false),
                    Author = table.Column<string>(maxLength: 200, nullable: true),
                    Time = table.Column<DateTimeOffset>(nullable: false),
                    Message = table.Column<string>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Revisions", x => new { x.DocumentKey, x.Number });
                    table.ForeignKey(
                        name: "FK_Revisions_Documents_DocumentKey",
                        column: x => x.DocumentKey,
                        principalTable: "Documents",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Documents_WorkspaceId_File",
                table: "Documents",
                columns: new[] { "WorkspaceId", "File" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Documents_WorkspaceId_Kind_DocumentId",
                table: "Documents",
                columns: new[] { "WorkspaceId", "Kind", "DocumentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Revisions");

            migrationBuilder.DropTable(
                name: "Documents");

            migrationBuilder.DropTable(
                name: "Workspaces");
        }
    }
}
