export { checkPasscode, maskUsername, MAX_TOKENS_CHECKED, type CheckAudit, type CheckResult } from './check-passcode'
export { isLockActive, lockLiftsAt, reachesLockout, type LockPolicy } from './lockout'
export { isWellFormedPasscode, MAX_PASSCODE_LENGTH, parseClientIp, splitPasscode, ZValidateRequest, type TValidateRequest } from './parse-validate-request'
export { VALIDATE_LIMITS, validatePasscode, type ValidationResult } from './validate-passcode'
