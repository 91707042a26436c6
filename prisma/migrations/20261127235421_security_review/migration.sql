-- CreateTable
CREATE TABLE "EnrollmentRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identifier" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Token" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serial" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'TOTP',
    "origin" TEXT NOT NULL DEFAULT 'SOFTWARE',
    "name" TEXT,
    "userId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "secretCiphertext" TEXT NOT NULL,
    "secretKeyId" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL DEFAULT 'SHA1',
    "digits" INTEGER NOT NULL DEFAULT 6,
    "period" INTEGER NOT NULL DEFAULT 30,
    "counter" INTEGER NOT NULL DEFAULT 0,
    "lastTimeStep" INTEGER,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" DATETIME,
    "lockedUntil" DATETIME,
    "lockCount" INTEGER NOT NULL DEFAULT 0,
    "pinHash" TEXT,
    "pinSetAt" DATETIME,
    "lastUsedAt" DATETIME,
    "verifiedAt" DATETIME,
    "activatedAt" DATETIME,
    "statusChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "invitationId" TEXT,
    "replacesTokenId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Token_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "EnrollmentInvitation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Token" ("activatedAt", "algorithm", "counter", "createdAt", "digits", "failedAttempts", "id", "invitationId", "lastTimeStep", "lastUsedAt", "lockedAt", "name", "origin", "period", "pinHash", "pinSetAt", "replacesTokenId", "secretCiphertext", "secretKeyId", "serial", "status", "statusChangedAt", "type", "updatedAt", "userId", "verifiedAt") SELECT "activatedAt", "algorithm", "counter", "createdAt", "digits", "failedAttempts", "id", "invitationId", "lastTimeStep", "lastUsedAt", "lockedAt", "name", "origin", "period", "pinHash", "pinSetAt", "replacesTokenId", "secretCiphertext", "secretKeyId", "serial", "status", "statusChangedAt", "type", "updatedAt", "userId", "verifiedAt" FROM "Token";
DROP TABLE "Token";
ALTER TABLE "new_Token" RENAME TO "Token";
CREATE UNIQUE INDEX "Token_serial_key" ON "Token"("serial");
CREATE UNIQUE INDEX "Token_invitationId_key" ON "Token"("invitationId");
CREATE INDEX "Token_userId_status_idx" ON "Token"("userId", "status");
CREATE INDEX "Token_status_idx" ON "Token"("status");
CREATE TABLE "new_EnrollmentInvitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "openedAt" DATETIME,
    "usedAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "failedVerifications" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" DATETIME,
    "createdBy" TEXT,
    "selfRequested" BOOLEAN NOT NULL DEFAULT false,
    "proofAt" DATETIME,
    "browserHash" TEXT,
    CONSTRAINT "EnrollmentInvitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_EnrollmentInvitation" ("createdAt", "createdBy", "expiresAt", "failedVerifications", "id", "lockedAt", "openedAt", "revokedAt", "revokedReason", "tokenHash", "usedAt", "userId") SELECT "createdAt", "createdBy", "expiresAt", "failedVerifications", "id", "lockedAt", "openedAt", "revokedAt", "revokedReason", "tokenHash", "usedAt", "userId" FROM "EnrollmentInvitation";
DROP TABLE "EnrollmentInvitation";
ALTER TABLE "new_EnrollmentInvitation" RENAME TO "EnrollmentInvitation";
CREATE UNIQUE INDEX "EnrollmentInvitation_tokenHash_key" ON "EnrollmentInvitation"("tokenHash");
CREATE INDEX "EnrollmentInvitation_userId_createdAt_idx" ON "EnrollmentInvitation"("userId", "createdAt");
CREATE TABLE "new_Settings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "orgName" TEXT NOT NULL DEFAULT 'Token Portal',
    "logoUrl" TEXT,
    "brandColor" TEXT NOT NULL DEFAULT '#1d4ed8',
    "supportContact" TEXT NOT NULL DEFAULT 'your IT helpdesk',
    "otpIssuer" TEXT NOT NULL DEFAULT 'Token Portal',
    "pinMinLength" INTEGER NOT NULL DEFAULT 4,
    "pinMaxLength" INTEGER NOT NULL DEFAULT 16,
    "pinCharset" TEXT NOT NULL DEFAULT 'digits',
    "pinRejectTrivial" BOOLEAN NOT NULL DEFAULT true,
    "lockoutThreshold" INTEGER NOT NULL DEFAULT 10,
    "autoUnlockMinutes" INTEGER DEFAULT 15,
    "autoUnlockMaxMinutes" INTEGER NOT NULL DEFAULT 1440,
    "totpWindow" INTEGER NOT NULL DEFAULT 1,
    "hotpLookAhead" INTEGER NOT NULL DEFAULT 10,
    "allowedTokenTypes" TEXT NOT NULL DEFAULT 'TOTP',
    "tokenTypesByPlatform" TEXT,
    "maxTokensPerUser" INTEGER NOT NULL DEFAULT 1,
    "invitationTtlHours" INTEGER NOT NULL DEFAULT 168,
    "enrollmentMaxFailures" INTEGER NOT NULL DEFAULT 5,
    "selfRequestEnabled" BOOLEAN NOT NULL DEFAULT true,
    "tempPasscodeHours" INTEGER NOT NULL DEFAULT 24,
    "dormantAfterDays" INTEGER,
    "auditRetentionDays" INTEGER NOT NULL DEFAULT 400,
    "rulesOfUse" TEXT,
    "authenticatorApps" TEXT,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);
INSERT INTO "new_Settings" ("allowedTokenTypes", "authenticatorApps", "autoUnlockMinutes", "brandColor", "dormantAfterDays", "enrollmentMaxFailures", "hotpLookAhead", "id", "invitationTtlHours", "lockoutThreshold", "logoUrl", "maxTokensPerUser", "orgName", "otpIssuer", "pinCharset", "pinMaxLength", "pinMinLength", "pinRejectTrivial", "rulesOfUse", "selfRequestEnabled", "supportContact", "tempPasscodeHours", "tokenTypesByPlatform", "totpWindow", "updatedAt", "updatedBy") SELECT "allowedTokenTypes", "authenticatorApps", "autoUnlockMinutes", "brandColor", "dormantAfterDays", "enrollmentMaxFailures", "hotpLookAhead", "id", "invitationTtlHours", "lockoutThreshold", "logoUrl", "maxTokensPerUser", "orgName", "otpIssuer", "pinCharset", "pinMaxLength", "pinMinLength", "pinRejectTrivial", "rulesOfUse", "selfRequestEnabled", "supportContact", "tempPasscodeHours", "tokenTypesByPlatform", "totpWindow", "updatedAt", "updatedBy" FROM "Settings";
DROP TABLE "Settings";
ALTER TABLE "new_Settings" RENAME TO "Settings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "EnrollmentRequest_createdAt_idx" ON "EnrollmentRequest"("createdAt");


-- Locks now lift by themselves by default (15 minutes, doubling per further
-- lock): no admin could choose "never" before this release, so a NULL here
-- is the old default, not a choice.
UPDATE "Settings" SET "autoUnlockMinutes" = 15 WHERE "autoUnlockMinutes" IS NULL;
