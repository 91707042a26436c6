-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('FULL', 'LIMITED');

-- CreateEnum
CREATE TYPE "UserLinkPurpose" AS ENUM ('SIGN_IN', 'PIN_RESET');

-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "pinReminderSentAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "EnrollmentInvitation" ADD COLUMN     "replacesTokenId" TEXT;

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "pinMaxAgeDays" INTEGER DEFAULT 90,
ADD COLUMN     "pinReminderDays" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN     "recoveryCodesAtValidation" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "rejectExpiredPin" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "replacementNeedsApproval" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "sessionIdleMinutes" INTEGER NOT NULL DEFAULT 15;

-- AlterTable
ALTER TABLE "EnrollmentRequest" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'enroll';

-- CreateTable
CREATE TABLE "UserSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "SessionKind" NOT NULL,
    "method" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endedReason" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserLink" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "UserLinkPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserSession_userId_endedAt_idx" ON "UserSession"("userId", "endedAt");

-- CreateIndex
CREATE UNIQUE INDEX "UserLink_tokenHash_key" ON "UserLink"("tokenHash");

-- CreateIndex
CREATE INDEX "UserLink_userId_purpose_createdAt_idx" ON "UserLink"("userId", "purpose", "createdAt");

-- CreateIndex
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserLink" ADD CONSTRAINT "UserLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

