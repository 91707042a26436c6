-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiClient" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "lastUsedAddress" TEXT,
    "allowedAddresses" TEXT NOT NULL DEFAULT '',
    "revokedAt" DATETIME,
    "createdBy" TEXT
);
INSERT INTO "new_ApiClient" ("createdAt", "createdBy", "id", "keyHash", "keyPrefix", "lastUsedAt", "name", "revokedAt") SELECT "createdAt", "createdBy", "id", "keyHash", "keyPrefix", "lastUsedAt", "name", "revokedAt" FROM "ApiClient";
DROP TABLE "ApiClient";
ALTER TABLE "new_ApiClient" RENAME TO "ApiClient";
CREATE UNIQUE INDEX "ApiClient_name_key" ON "ApiClient"("name");
CREATE UNIQUE INDEX "ApiClient_keyHash_key" ON "ApiClient"("keyHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

