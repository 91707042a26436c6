-- AlterTable
ALTER TABLE "Settings" ADD COLUMN "emailTemplates" TEXT;

-- CreateTable
CREATE TABLE "BrandingAsset" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contentType" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT
);

