export { countRecoveryCodes } from './count-recovery-codes'
export { createRecoveryCodes } from './create-recovery-codes'
export { formatRecoveryCode, isRecoveryCodeShape, normalizeRecoveryCode, RECOVERY_CODES_PER_BATCH } from './recovery-code'
export { spendRecoveryCode } from './spend-recovery-code'
