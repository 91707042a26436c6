-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "enrollmentReminderDays" TEXT NOT NULL DEFAULT '2,5';

-- CreateTable
CREATE TABLE "EnrollmentReminder" (
    "invitationId" TEXT NOT NULL,
    "offsetDays" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "emailed" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "EnrollmentReminder_pkey" PRIMARY KEY ("invitationId","offsetDays")
);

-- AddForeignKey
ALTER TABLE "EnrollmentReminder" ADD CONSTRAINT "EnrollmentReminder_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "EnrollmentInvitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

