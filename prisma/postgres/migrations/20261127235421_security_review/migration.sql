-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "lockCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lockedUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "EnrollmentInvitation" ADD COLUMN     "browserHash" TEXT,
ADD COLUMN     "proofAt" TIMESTAMP(3),
ADD COLUMN     "selfRequested" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "auditRetentionDays" INTEGER NOT NULL DEFAULT 400,
ADD COLUMN     "autoUnlockMaxMinutes" INTEGER NOT NULL DEFAULT 1440,
ALTER COLUMN "autoUnlockMinutes" SET DEFAULT 15;

-- CreateTable
CREATE TABLE "EnrollmentRequest" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnrollmentRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EnrollmentRequest_createdAt_idx" ON "EnrollmentRequest"("createdAt");


-- Locks now lift by themselves by default (15 minutes, doubling per further
-- lock): no admin could choose "never" before this release, so a NULL here
-- is the old default, not a choice.
UPDATE "Settings" SET "autoUnlockMinutes" = 15 WHERE "autoUnlockMinutes" IS NULL;
