-- DropIndex
DROP INDEX "User_email_idx";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "displayNameKey" TEXT;

-- CreateIndex
CREATE INDEX "User_email_id_idx" ON "User"("email", "id");

-- CreateIndex
CREATE INDEX "User_displayNameKey_id_idx" ON "User"("displayNameKey", "id");


-- Backfill (added by hand): names already stored get their search key.
-- SQL's lower() folds ASCII letters only (SQLite; PostgreSQL under the C
-- collation the README asks for), where lib/users/displayNameKey folds every
-- letter: a name with capital letters outside ASCII, added before this
-- migration, is found by typing those letters as stored.
UPDATE "User" SET "displayNameKey" = lower(trim("displayName")) WHERE "displayName" IS NOT NULL;
