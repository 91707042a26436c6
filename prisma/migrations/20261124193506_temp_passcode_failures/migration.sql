-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TemporaryPasscode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "singleUse" BOOLEAN NOT NULL DEFAULT true,
    "useCount" INTEGER NOT NULL DEFAULT 0,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TemporaryPasscode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TemporaryPasscode" ("codeHash", "createdAt", "createdBy", "expiresAt", "id", "lastUsedAt", "revokedAt", "singleUse", "useCount", "userId") SELECT "codeHash", "createdAt", "createdBy", "expiresAt", "id", "lastUsedAt", "revokedAt", "singleUse", "useCount", "userId" FROM "TemporaryPasscode";
DROP TABLE "TemporaryPasscode";
ALTER TABLE "new_TemporaryPasscode" RENAME TO "TemporaryPasscode";
CREATE INDEX "TemporaryPasscode_userId_expiresAt_idx" ON "TemporaryPasscode"("userId", "expiresAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

