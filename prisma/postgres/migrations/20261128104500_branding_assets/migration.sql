-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "emailTemplates" TEXT;

-- CreateTable
CREATE TABLE "BrandingAsset" (
    "id" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,

    CONSTRAINT "BrandingAsset_pkey" PRIMARY KEY ("id")
);

