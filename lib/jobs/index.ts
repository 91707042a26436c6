export { purgeExpiredData } from './purge-expired-data'
export { lastDailyMaintenance, MAINTENANCE_JOB, runDailyMaintenance } from './run-daily-maintenance'
export { startBackgroundJobs } from './start-background-jobs'
