-- CreateTable
CREATE TABLE "StaffSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffUserId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authenticatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "endedReason" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "StaffSession_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffUserId" TEXT,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "browserHash" TEXT,
    "openedAt" DATETIME,
    "usedAt" DATETIME,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StaffLink_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_StaffUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT,
    "role" TEXT NOT NULL,
    "passwordHash" TEXT,
    "passwordSetAt" DATETIME,
    "totpSecretCiphertext" TEXT,
    "totpSecretKeyId" TEXT,
    "totpLastTimeStep" INTEGER,
    "activatedAt" DATETIME,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedAt" DATETIME,
    "lockedUntil" DATETIME,
    "lockCount" INTEGER NOT NULL DEFAULT 0,
    "disabledAt" DATETIME,
    "lastSignInAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_StaffUser" ("createdAt", "disabledAt", "displayName", "email", "failedAttempts", "id", "lastSignInAt", "lockedAt", "passwordHash", "role", "totpLastTimeStep", "totpSecretCiphertext", "totpSecretKeyId", "updatedAt", "username") SELECT "createdAt", "disabledAt", "displayName", "email", "failedAttempts", "id", "lastSignInAt", "lockedAt", "passwordHash", "role", "totpLastTimeStep", "totpSecretCiphertext", "totpSecretKeyId", "updatedAt", "username" FROM "StaffUser";
DROP TABLE "StaffUser";
ALTER TABLE "new_StaffUser" RENAME TO "StaffUser";
CREATE UNIQUE INDEX "StaffUser_username_key" ON "StaffUser"("username");
CREATE INDEX "StaffUser_role_activatedAt_idx" ON "StaffUser"("role", "activatedAt");
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
    "sessionIdleMinutes" INTEGER NOT NULL DEFAULT 15,
    "staffSessionIdleMinutes" INTEGER NOT NULL DEFAULT 15,
    "pinMaxAgeDays" INTEGER DEFAULT 90,
    "pinReminderDays" INTEGER NOT NULL DEFAULT 14,
    "rejectExpiredPin" BOOLEAN NOT NULL DEFAULT false,
    "recoveryCodesAtValidation" BOOLEAN NOT NULL DEFAULT false,
    "replacementNeedsApproval" BOOLEAN NOT NULL DEFAULT false,
    "rulesOfUse" TEXT,
    "authenticatorApps" TEXT,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);
INSERT INTO "new_Settings" ("allowedTokenTypes", "auditRetentionDays", "authenticatorApps", "autoUnlockMaxMinutes", "autoUnlockMinutes", "brandColor", "dormantAfterDays", "enrollmentMaxFailures", "hotpLookAhead", "id", "invitationTtlHours", "lockoutThreshold", "logoUrl", "maxTokensPerUser", "orgName", "otpIssuer", "pinCharset", "pinMaxAgeDays", "pinMaxLength", "pinMinLength", "pinRejectTrivial", "pinReminderDays", "recoveryCodesAtValidation", "rejectExpiredPin", "replacementNeedsApproval", "rulesOfUse", "selfRequestEnabled", "sessionIdleMinutes", "supportContact", "tempPasscodeHours", "tokenTypesByPlatform", "totpWindow", "updatedAt", "updatedBy") SELECT "allowedTokenTypes", "auditRetentionDays", "authenticatorApps", "autoUnlockMaxMinutes", "autoUnlockMinutes", "brandColor", "dormantAfterDays", "enrollmentMaxFailures", "hotpLookAhead", "id", "invitationTtlHours", "lockoutThreshold", "logoUrl", "maxTokensPerUser", "orgName", "otpIssuer", "pinCharset", "pinMaxAgeDays", "pinMaxLength", "pinMinLength", "pinRejectTrivial", "pinReminderDays", "recoveryCodesAtValidation", "rejectExpiredPin", "replacementNeedsApproval", "rulesOfUse", "selfRequestEnabled", "sessionIdleMinutes", "supportContact", "tempPasscodeHours", "tokenTypesByPlatform", "totpWindow", "updatedAt", "updatedBy" FROM "Settings";
DROP TABLE "Settings";
ALTER TABLE "new_Settings" RENAME TO "Settings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "StaffSession_staffUserId_endedAt_idx" ON "StaffSession"("staffUserId", "endedAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffLink_tokenHash_key" ON "StaffLink"("tokenHash");

-- CreateIndex
CREATE INDEX "StaffLink_purpose_usedAt_idx" ON "StaffLink"("purpose", "usedAt");

