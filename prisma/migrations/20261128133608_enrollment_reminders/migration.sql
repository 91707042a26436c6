-- CreateTable
CREATE TABLE "EnrollmentReminder" (
    "invitationId" TEXT NOT NULL,
    "offsetDays" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "emailed" BOOLEAN NOT NULL DEFAULT true,

    PRIMARY KEY ("invitationId", "offsetDays"),
    CONSTRAINT "EnrollmentReminder_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "EnrollmentInvitation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (a plain ADD COLUMN rather than Prisma's table copy: a copy would
-- drop any Settings column another branch's migration added before this one ran)
ALTER TABLE "Settings" ADD COLUMN "enrollmentReminderDays" TEXT NOT NULL DEFAULT '2,5';
