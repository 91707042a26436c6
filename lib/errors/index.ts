export { AppError, httpStatusFor, isAppError, type AppErrorCode } from './app-error'
