-- AlterTable
ALTER TABLE "Token" ADD COLUMN     "verifiedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "tokenTypesByPlatform" TEXT;

