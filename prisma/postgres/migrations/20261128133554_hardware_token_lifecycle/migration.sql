-- AlterEnum
-- In its schema place (after INVENTORY), so the enum's order matches prisma/postgres/schema.prisma.
ALTER TYPE "TokenStatus" ADD VALUE 'ASSIGNED' AFTER 'INVENTORY';

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "hardwareClaimEnabled" BOOLEAN NOT NULL DEFAULT false;

