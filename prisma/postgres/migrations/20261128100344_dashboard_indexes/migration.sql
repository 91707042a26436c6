-- CreateTable
CREATE TABLE "ValidationDayCount" (
    "day" TEXT NOT NULL,
    "accepted" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "locked" INTEGER NOT NULL,
    "countedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ValidationDayCount_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "Token_status_pinSetAt_idx" ON "Token"("status", "pinSetAt");

-- CreateIndex
CREATE INDEX "Token_lockedAt_idx" ON "Token"("lockedAt");

-- CreateIndex
CREATE INDEX "EnrollmentInvitation_userId_usedAt_openedAt_browserHash_id_idx" ON "EnrollmentInvitation"("userId", "usedAt", "openedAt", "browserHash", "id");

