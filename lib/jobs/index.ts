export { purgeExpiredData } from './purge-expired-data'
export { startBackgroundJobs } from './start-background-jobs'
