-- AlterEnum
ALTER TYPE "TokenStatus" ADD VALUE 'ASSIGNED';

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "hardwareClaimEnabled" BOOLEAN NOT NULL DEFAULT false;

