export { isLockActive, reachesLockout, type LockPolicy } from './lockout'
export { isWellFormedPasscode, MAX_PASSCODE_LENGTH, parseClientIp, splitPasscode, ZValidateRequest, type TValidateRequest } from './parse-validate-request'
export { MAX_TOKENS_CHECKED, VALIDATE_LIMITS, validatePasscode, type ValidationResult } from './validate-passcode'
