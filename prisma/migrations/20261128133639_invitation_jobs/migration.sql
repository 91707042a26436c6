-- CreateTable
CREATE TABLE "InvitationJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "selectionKey" TEXT NOT NULL,
    "runningKey" TEXT,
    "label" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'RUNNING',
    "total" INTEGER NOT NULL,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "cancelledBy" TEXT
);

-- CreateTable
CREATE TABLE "InvitationJobItem" (
    "jobId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'WAITING',
    "invitationId" TEXT,
    "outboxMessageId" TEXT,

    PRIMARY KEY ("jobId", "userId"),
    CONSTRAINT "InvitationJobItem_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "InvitationJob" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InvitationJobItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InvitationJobItem_outboxMessageId_fkey" FOREIGN KEY ("outboxMessageId") REFERENCES "OutboxMessage" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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

