-- The schema a database had after the hand-written migrations up to 20261122050000_AuditEventHours (before the tool-made baseline),
-- read from sqlite_master of a database those migrations made, with the rows they wrote (history, watermark).
CREATE TABLE "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
CREATE TABLE "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);
CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NULL,
    "IsDisabled" INTEGER NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "LastSignInAtUtc" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);
CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);
CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");
CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");
CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");
CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");
CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");
CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");
CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
CREATE TABLE "AuditEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEvents" PRIMARY KEY AUTOINCREMENT,
    "EventId" TEXT NOT NULL,
    "EventTimeUtc" INTEGER NOT NULL,
    "IngestedAtUtc" INTEGER NOT NULL,
    "Tenant" TEXT NULL,
    "Datasource" TEXT NOT NULL,
    "ExternalRef" TEXT NULL,
    "Family" TEXT NOT NULL,
    "WhereSource" TEXT NULL,
    "WhereDestination" TEXT NULL,
    "Login" TEXT NOT NULL,
    "Repository" TEXT NOT NULL,
    "Identity" TEXT NULL,
    "Session" TEXT NULL,
    "Category" TEXT NULL,
    "Code" TEXT NOT NULL,
    "CodeLabel" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Payload" TEXT NULL,
    "Status" TEXT NULL,
    "Count" INTEGER NOT NULL,
    "DisplayLabel" TEXT NULL,
    "TargetType" TEXT NULL,
    "TargetName" TEXT NULL,
    "TargetParent" TEXT NULL,
    "SecondTarget" TEXT NULL,
    "OldValue" TEXT NULL,
    "NewValue" TEXT NULL,
    "DataJson" TEXT NULL,
    "Custom1" TEXT NULL,
    "Custom2" TEXT NULL,
    "Custom3" TEXT NULL,
    "Custom4" TEXT NULL,
    "Custom5" TEXT NULL,
    "Custom6" TEXT NULL,
    "Custom7" TEXT NULL,
    "Custom8" TEXT NULL,
    "Custom9" TEXT NULL,
    "Custom10" TEXT NULL,
    "Custom11" TEXT NULL,
    "Custom12" TEXT NULL,
    "Custom13" TEXT NULL,
    "Custom14" TEXT NULL,
    "Custom15" TEXT NULL,
    "Custom16" TEXT NULL,
    "Custom17" TEXT NULL,
    "Custom18" TEXT NULL,
    "Custom19" TEXT NULL,
    "RawJson" TEXT NULL
);
CREATE TABLE "IngestionTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_IngestionTokens" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "Hash" BLOB NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "LastUsedAtUtc" TEXT NULL,
    "RevokedAtUtc" TEXT NULL,
    "RevokedBy" TEXT NULL
);
CREATE TABLE "Workbooks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Workbooks" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Folder" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "OwnerEmail" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL
);
CREATE TABLE "TableElements" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TableElements" PRIMARY KEY AUTOINCREMENT,
    "WorkbookId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Position" INTEGER NOT NULL,
    "StateJson" TEXT NOT NULL,
    CONSTRAINT "FK_TableElements_Workbooks_WorkbookId" FOREIGN KEY ("WorkbookId") REFERENCES "Workbooks" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_AuditEvents_Action_EventTimeUtc" ON "AuditEvents" ("Action", "EventTimeUtc");
CREATE INDEX "IX_AuditEvents_Datasource_EventTimeUtc" ON "AuditEvents" ("Datasource", "EventTimeUtc");
CREATE UNIQUE INDEX "IX_AuditEvents_EventId" ON "AuditEvents" ("EventId");
CREATE INDEX "IX_AuditEvents_EventTimeUtc_Id" ON "AuditEvents" ("EventTimeUtc", "Id");
CREATE INDEX "IX_AuditEvents_Family_EventTimeUtc" ON "AuditEvents" ("Family", "EventTimeUtc");
CREATE INDEX "IX_AuditEvents_Login_EventTimeUtc" ON "AuditEvents" ("Login", "EventTimeUtc");
CREATE INDEX "IX_AuditEvents_Status_EventTimeUtc" ON "AuditEvents" ("Status", "EventTimeUtc");
CREATE UNIQUE INDEX "IX_IngestionTokens_Hash" ON "IngestionTokens" ("Hash");
CREATE INDEX "IX_TableElements_WorkbookId" ON "TableElements" ("WorkbookId");
CREATE INDEX "IX_Workbooks_OwnerId_Folder_Name" ON "Workbooks" ("OwnerId", "Folder", "Name");
CREATE VIRTUAL TABLE "AuditEventsFts" USING fts5("EventId", "Login", "Identity", "Action", "CodeLabel", "TargetName", "DisplayLabel", "Payload", content='AuditEvents', content_rowid='Id', tokenize='unicode61');
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
CREATE UNIQUE INDEX "IX_StorageIntegrations_Name" ON "StorageIntegrations" ("Name");
CREATE TABLE "AuditEventsFtsWatermark" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEventsFtsWatermark" PRIMARY KEY CHECK ("Id" = 1),
    "IndexedUpToId" INTEGER NOT NULL
);
CREATE TRIGGER "AuditEvents_fts_delete" AFTER DELETE ON "AuditEvents" WHEN old."Id" <= (SELECT "IndexedUpToId" FROM "AuditEventsFtsWatermark" WHERE "Id" = 1) BEGIN
    INSERT INTO "AuditEventsFts"("AuditEventsFts", rowid, "EventId", "Login", "Identity", "Action", "CodeLabel", "TargetName", "DisplayLabel", "Payload") VALUES ('delete', old."Id", old."EventId", old."Login", old."Identity", old."Action", old."CodeLabel", old."TargetName", old."DisplayLabel", old."Payload");
END;
CREATE TRIGGER "AuditEvents_fts_update" AFTER UPDATE ON "AuditEvents" WHEN old."Id" <= (SELECT "IndexedUpToId" FROM "AuditEventsFtsWatermark" WHERE "Id" = 1) BEGIN
    INSERT INTO "AuditEventsFts"("AuditEventsFts", rowid, "EventId", "Login", "Identity", "Action", "CodeLabel", "TargetName", "DisplayLabel", "Payload") VALUES ('delete', old."Id", old."EventId", old."Login", old."Identity", old."Action", old."CodeLabel", old."TargetName", old."DisplayLabel", old."Payload");
    INSERT INTO "AuditEventsFts"(rowid, "EventId", "Login", "Identity", "Action", "CodeLabel", "TargetName", "DisplayLabel", "Payload") VALUES (new."Id", new."EventId", new."Login", new."Identity", new."Action", new."CodeLabel", new."TargetName", new."DisplayLabel", new."Payload");
END;
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
CREATE INDEX "IX_Notifications_Recipient_Id" ON "Notifications" ("Recipient", "Id");
CREATE TABLE "ScheduledExports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ScheduledExports" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "WorkbookId" INTEGER NOT NULL,
    "TableElementId" INTEGER NOT NULL,
    "IntegrationId" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "OwnerEmail" TEXT NOT NULL,
    "UriTemplate" TEXT NOT NULL,
    "Format" TEXT NOT NULL,
    "Gzip" INTEGER NOT NULL,
    "Mode" TEXT NOT NULL,
    "FrequencyKind" TEXT NOT NULL,
    "EveryHours" INTEGER NULL,
    "TimeOfDay" TEXT NULL,
    "Day" INTEGER NULL,
    "TimeZoneId" TEXT NOT NULL,
    "Cron" TEXT NULL,
    "NotificationEmails" TEXT NOT NULL,
    "Paused" INTEGER NOT NULL,
    "PauseReason" TEXT NULL,
    "WatermarkIngestedAtUtc" TEXT NULL,
    "WatermarkEventRowId" INTEGER NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "UpdatedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_ScheduledExports_Workbooks_WorkbookId" FOREIGN KEY ("WorkbookId") REFERENCES "Workbooks" ("Id") ON DELETE CASCADE
);
CREATE TABLE "ExportRuns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ExportRuns" PRIMARY KEY,
    "ScheduleId" TEXT NOT NULL,
    "Trigger" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "TriggeredBy" TEXT NULL,
    "StartedAtUtc" TEXT NOT NULL,
    "FinishedAtUtc" TEXT NULL,
    "RunToken" TEXT NOT NULL,
    "WindowAfterEventRowId" INTEGER NULL,
    "WindowAfterIngestedAtUtc" TEXT NULL,
    "WindowToEventRowId" INTEGER NOT NULL,
    "WindowToIngestedAtUtc" TEXT NULL,
    "WindowFromEventTimeUtc" TEXT NULL,
    "WindowToEventTimeUtc" TEXT NULL,
    "Rows" INTEGER NOT NULL,
    "Bytes" INTEGER NOT NULL,
    "Objects" INTEGER NOT NULL,
    "Retries" INTEGER NOT NULL,
    "Error" TEXT NULL,
    "ErrorHint" TEXT NULL,
    "ManifestObjectName" TEXT NULL,
    "ProgressRows" INTEGER NOT NULL,
    "ProgressBytes" INTEGER NOT NULL,
    "ProgressPart" INTEGER NOT NULL,
    "ProgressUpdatedAtUtc" TEXT NULL,
    CONSTRAINT "FK_ExportRuns_ScheduledExports_ScheduleId" FOREIGN KEY ("ScheduleId") REFERENCES "ScheduledExports" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_ExportRuns_OneRunning" ON "ExportRuns" ("ScheduleId") WHERE "Status" = 'Running';
CREATE INDEX "IX_ExportRuns_ScheduleId_StartedAtUtc" ON "ExportRuns" ("ScheduleId", "StartedAtUtc");
CREATE INDEX "IX_ScheduledExports_IntegrationId" ON "ScheduledExports" ("IntegrationId");
CREATE INDEX "IX_ScheduledExports_WorkbookId" ON "ScheduledExports" ("WorkbookId");
CREATE TABLE "AuditEventHours" (
    "HourUtc" INTEGER NOT NULL CONSTRAINT "PK_AuditEventHours" PRIMARY KEY,
    "Events" INTEGER NOT NULL
);
CREATE TRIGGER "AuditEvents_hours_insert" AFTER INSERT ON "AuditEvents" BEGIN
    INSERT INTO "AuditEventHours" ("HourUtc", "Events") VALUES (new."EventTimeUtc" / 3600000 * 3600000, 1)
        ON CONFLICT ("HourUtc") DO UPDATE SET "Events" = "Events" + 1;
END;
CREATE TRIGGER "AuditEvents_hours_delete" AFTER DELETE ON "AuditEvents" BEGIN
    UPDATE "AuditEventHours" SET "Events" = "Events" - 1 WHERE "HourUtc" = old."EventTimeUtc" / 3600000 * 3600000;
END;
CREATE TRIGGER "AuditEvents_hours_update" AFTER UPDATE OF "EventTimeUtc" ON "AuditEvents"
    WHEN old."EventTimeUtc" / 3600000 <> new."EventTimeUtc" / 3600000 BEGIN
    UPDATE "AuditEventHours" SET "Events" = "Events" - 1 WHERE "HourUtc" = old."EventTimeUtc" / 3600000 * 3600000;
    INSERT INTO "AuditEventHours" ("HourUtc", "Events") VALUES (new."EventTimeUtc" / 3600000 * 3600000, 1)
        ON CONFLICT ("HourUtc") DO UPDATE SET "Events" = "Events" + 1;
END;
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261122000000_Initial', '10.0.14');
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261122010000_AuditLogStore', '10.0.14');
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261122020000_StorageIntegrations', '10.0.14');
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261122025000_DeferredSearchIndex', '10.0.14');
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261122030000_Notifications', '10.0.14');
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261122040000_ScheduledExports', '10.0.14');
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261122050000_AuditEventHours', '10.0.14');
INSERT INTO "AuditEventsFtsWatermark" ("Id", "IndexedUpToId") VALUES (1, 0);
