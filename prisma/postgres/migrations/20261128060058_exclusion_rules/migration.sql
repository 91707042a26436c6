-- CreateEnum
CREATE TYPE "ExclusionKind" AS ENUM ('USER', 'GROUP', 'CLIENT_ADDRESS', 'API_CLIENT');

-- CreateTable
CREATE TABLE "ExclusionRule" (
    "id" TEXT NOT NULL,
    "kind" "ExclusionKind" NOT NULL,
    "value" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT,

    CONSTRAINT "ExclusionRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExclusionRule_kind_value_key" ON "ExclusionRule"("kind", "value");

