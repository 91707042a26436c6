-- AlterTable
ALTER TABLE "ApiClient" ADD COLUMN     "allowedAddresses" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "lastUsedAddress" TEXT;

