-- AlterTable
ALTER TABLE "Token" ADD COLUMN "pinReminderSentAt" DATETIME;

-- AlterTable
ALTER TABLE "EnrollmentInvitation" ADD COLUMN "replacesTokenId" TEXT;

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "endedReason" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UserLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UserLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
INSERT INTO "new_Settings" ("allowedTokenTypes", "auditRetentionDays", "authenticatorApps", "autoUnlockMaxMinutes", "autoUnlockMinutes", "brandColor", "dormantAfterDays", "enrollmentMaxFailures", "hotpLookAhead", "id", "invitationTtlHours", "lockoutThreshold", "logoUrl", "maxTokensPerUser", "orgName", "otpIssuer", "pinCharset", "pinMaxLength", "pinMinLength", "pinRejectTrivial", "rulesOfUse", "selfRequestEnabled", "supportContact", "tempPasscodeHours", "tokenTypesByPlatform", "totpWindow", "updatedAt", "updatedBy") SELECT "allowedTokenTypes", "auditRetentionDays", "authenticatorApps", "autoUnlockMaxMinutes", "autoUnlockMinutes", "brandColor", "dormantAfterDays", "enrollmentMaxFailures", "hotpLookAhead", "id", "invitationTtlHours", "lockoutThreshold", "logoUrl", "maxTokensPerUser", "orgName", "otpIssuer", "pinCharset", "pinMaxLength", "pinMinLength", "pinRejectTrivial", "rulesOfUse", "selfRequestEnabled", "supportContact", "tempPasscodeHours", "tokenTypesByPlatform", "totpWindow", "updatedAt", "updatedBy" FROM "Settings";
DROP TABLE "Settings";
ALTER TABLE "new_Settings" RENAME TO "Settings";
CREATE TABLE "new_EnrollmentRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "purpose" TEXT NOT NULL DEFAULT 'enroll',
    "identifier" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_EnrollmentRequest" ("createdAt", "id", "identifier", "ip", "userAgent") SELECT "createdAt", "id", "identifier", "ip", "userAgent" FROM "EnrollmentRequest";
DROP TABLE "EnrollmentRequest";
ALTER TABLE "new_EnrollmentRequest" RENAME TO "EnrollmentRequest";
CREATE INDEX "EnrollmentRequest_createdAt_idx" ON "EnrollmentRequest"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "UserSession_userId_endedAt_idx" ON "UserSession"("userId", "endedAt");

-- CreateIndex
CREATE UNIQUE INDEX "UserLink_tokenHash_key" ON "UserLink"("tokenHash");

-- CreateIndex
CREATE INDEX "UserLink_userId_purpose_createdAt_idx" ON "UserLink"("userId", "purpose", "createdAt");

-- CreateIndex
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");

