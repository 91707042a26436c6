-- CreateTable
CREATE TABLE "EnrollmentReminder" (
    "invitationId" TEXT NOT NULL,
    "offsetDays" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "emailed" BOOLEAN NOT NULL DEFAULT true,

    PRIMARY KEY ("invitationId", "offsetDays"),
    CONSTRAINT "EnrollmentReminder_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "EnrollmentInvitation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "enrollmentReminderDays" TEXT NOT NULL DEFAULT '2,5',
    "selfRequestEnabled" BOOLEAN NOT NULL DEFAULT true,
    "tempPasscodeHours" INTEGER NOT NULL DEFAULT 24,
    "tempPasscodeMaxHours" INTEGER NOT NULL DEFAULT 72,
    "dormantAfterDays" INTEGER,
    "dormantWarnDays" INTEGER NOT NULL DEFAULT 30,
    "dormantAction" TEXT NOT NULL DEFAULT 'DISABLE',
    "auditRetentionDays" INTEGER NOT NULL DEFAULT 400,
    "sessionIdleMinutes" INTEGER NOT NULL DEFAULT 15,
    "staffLockoutThreshold" INTEGER NOT NULL DEFAULT 5,
    "staffLockMinutes" INTEGER NOT NULL DEFAULT 15,
    "staffSessionIdleMinutes" INTEGER NOT NULL DEFAULT 15,
    "pinMaxAgeDays" INTEGER DEFAULT 90,
    "pinReminderDays" INTEGER NOT NULL DEFAULT 14,
    "rejectExpiredPin" BOOLEAN NOT NULL DEFAULT false,
    "recoveryCodesAtValidation" BOOLEAN NOT NULL DEFAULT false,
    "replacementNeedsApproval" BOOLEAN NOT NULL DEFAULT false,
    "rulesOfUse" TEXT,
    "authenticatorApps" TEXT,
    "emailTemplates" TEXT,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);
INSERT INTO "new_Settings" ("allowedTokenTypes", "auditRetentionDays", "authenticatorApps", "autoUnlockMaxMinutes", "autoUnlockMinutes", "brandColor", "dormantAction", "dormantAfterDays", "dormantWarnDays", "emailTemplates", "enrollmentMaxFailures", "hotpLookAhead", "id", "invitationTtlHours", "lockoutThreshold", "logoUrl", "maxTokensPerUser", "orgName", "otpIssuer", "pinCharset", "pinMaxAgeDays", "pinMaxLength", "pinMinLength", "pinRejectTrivial", "pinReminderDays", "recoveryCodesAtValidation", "rejectExpiredPin", "replacementNeedsApproval", "rulesOfUse", "selfRequestEnabled", "sessionIdleMinutes", "staffLockMinutes", "staffLockoutThreshold", "staffSessionIdleMinutes", "supportContact", "tempPasscodeHours", "tempPasscodeMaxHours", "tokenTypesByPlatform", "totpWindow", "updatedAt", "updatedBy") SELECT "allowedTokenTypes", "auditRetentionDays", "authenticatorApps", "autoUnlockMaxMinutes", "autoUnlockMinutes", "brandColor", "dormantAction", "dormantAfterDays", "dormantWarnDays", "emailTemplates", "enrollmentMaxFailures", "hotpLookAhead", "id", "invitationTtlHours", "lockoutThreshold", "logoUrl", "maxTokensPerUser", "orgName", "otpIssuer", "pinCharset", "pinMaxAgeDays", "pinMaxLength", "pinMinLength", "pinRejectTrivial", "pinReminderDays", "recoveryCodesAtValidation", "rejectExpiredPin", "replacementNeedsApproval", "rulesOfUse", "selfRequestEnabled", "sessionIdleMinutes", "staffLockMinutes", "staffLockoutThreshold", "staffSessionIdleMinutes", "supportContact", "tempPasscodeHours", "tempPasscodeMaxHours", "tokenTypesByPlatform", "totpWindow", "updatedAt", "updatedBy" FROM "Settings";
DROP TABLE "Settings";
ALTER TABLE "new_Settings" RENAME TO "Settings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

