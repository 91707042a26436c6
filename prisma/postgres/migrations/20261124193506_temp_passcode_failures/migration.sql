-- AlterTable
ALTER TABLE "TemporaryPasscode" ADD COLUMN     "failedAttempts" INTEGER NOT NULL DEFAULT 0;

