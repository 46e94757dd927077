using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wayfinder.Web.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Comments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommentThreads",
                columns: table => new
                {
                    Key = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WorkspaceId = table.Column<string>(maxLength: 100, nullable: false),
                    DocumentKind = table.Column<string>(maxLength: 20, nullable: false),
                    DocumentId = table.Column<string>(maxLength: 200, nullable: false),
                    ElementId = table.Column<string>(maxLength: 200, nullable: true),
                    Resolved = table.Column<bool>(nullable: false),
                    ResolvedBy = table.Column<string>(maxLength: 200, nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommentThreads", x => x.Key);
                    table.ForeignKey(
                        name: "FK_CommentThreads_Workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "Workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Comments",
                columns: table => new
                {
                    Key = table.Column<long>(nullable: false)
                        .Annotation("Sqlite:Autoincrement", true)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ThreadKey = table.Column<long>(nullable: false),
                    Author = table.Column<string>(maxLength: 200, nullable: true),
                    Text = table.Column<string>(maxLength: 4000, nullable: false),
                    Mentions = table.Column<string>(maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(nullable: false),
                    EditedAt = table.Column<DateTimeOffset>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Comments", x => x.Key);
                    table.ForeignKey(
                        name: "FK_Comments_CommentThreads_ThreadKey",
                        column: x => x.ThreadKey,
                        principalTable: "CommentThreads",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommentThreads_WorkspaceId_DocumentKind_DocumentId",
                table: "CommentThreads",
                columns: new[] { "WorkspaceId", "DocumentKind", "DocumentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Comments_ThreadKey",
                table: "Comments",
                column: "ThreadKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Comments");

            migrationBuilder.DropTable(
                name: "CommentThreads");
        }
    }
}
