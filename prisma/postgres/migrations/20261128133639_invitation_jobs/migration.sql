-- CreateEnum
CREATE TYPE "InvitationJobState" AS ENUM ('RUNNING', 'CANCELLED', 'DONE');

-- CreateEnum
CREATE TYPE "InvitationJobItemState" AS ENUM ('WAITING', 'QUEUED', 'SKIPPED', 'CANCELLED');

-- CreateTable
CREATE TABLE "InvitationJob" (
    "id" TEXT NOT NULL,
    "selectionKey" TEXT NOT NULL,
    "runningKey" TEXT,
    "label" TEXT NOT NULL,
    "state" "InvitationJobState" NOT NULL DEFAULT 'RUNNING',
    "total" INTEGER NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "cancelledBy" TEXT,

    CONSTRAINT "InvitationJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvitationJobItem" (
    "jobId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "state" "InvitationJobItemState" NOT NULL DEFAULT 'WAITING',
    "invitationId" TEXT,
    "outboxMessageId" TEXT,

    CONSTRAINT "InvitationJobItem_pkey" PRIMARY KEY ("jobId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "InvitationJob_runningKey_key" ON "InvitationJob"("runningKey");

-- CreateIndex
CREATE INDEX "InvitationJob_createdAt_idx" ON "InvitationJob"("createdAt");

-- CreateIndex
CREATE INDEX "InvitationJob_state_idx" ON "InvitationJob"("state");

-- CreateIndex
CREATE INDEX "InvitationJobItem_jobId_state_idx" ON "InvitationJobItem"("jobId", "state");

-- CreateIndex
CREATE INDEX "InvitationJobItem_outboxMessageId_idx" ON "InvitationJobItem"("outboxMessageId");

-- AddForeignKey
ALTER TABLE "InvitationJobItem" ADD CONSTRAINT "InvitationJobItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "InvitationJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvitationJobItem" ADD CONSTRAINT "InvitationJobItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvitationJobItem" ADD CONSTRAINT "InvitationJobItem_outboxMessageId_fkey" FOREIGN KEY ("outboxMessageId") REFERENCES "OutboxMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

