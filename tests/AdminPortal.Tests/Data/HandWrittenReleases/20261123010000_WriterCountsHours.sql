-- The two hand-written migrations after the last release, as they ran on its database (20261122050000_AuditEventHours.sql).
-- 20261123000000_SearchIndexFile: the full-text index moves into a file of its own.
DROP TRIGGER IF EXISTS "AuditEvents_fts_delete";
DROP TRIGGER IF EXISTS "AuditEvents_fts_update";
DROP TABLE IF EXISTS "AuditEventsFts";
DROP TABLE IF EXISTS "AuditEventsFtsWatermark";
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261123000000_SearchIndexFile', '10.0.14');
-- 20261123010000_WriterCountsHours: AuditEventWriter counts the hours of what it stores.
DROP TRIGGER "AuditEvents_hours_insert";
INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261123010000_WriterCountsHours', '10.0.14');
