-- AlterTable
ALTER TABLE "Token" ADD COLUMN "dormantWarnedAt" DATETIME;

-- CreateTable
CREATE TABLE "ScheduledJob" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "lastStartedAt" DATETIME NOT NULL,
    "lastFinishedAt" DATETIME,
    "lastResult" TEXT
);

