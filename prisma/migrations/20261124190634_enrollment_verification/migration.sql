-- AlterTable
ALTER TABLE "Token" ADD COLUMN "verifiedAt" DATETIME;

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN "tokenTypesByPlatform" TEXT;

