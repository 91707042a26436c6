export { applyTokenStatus, CLEARED_HOLDER_STATE } from './apply-token-status'
export { createSoftwareToken, type CreatedSoftwareToken } from './create-software-token'
export { generateSerial } from './generate-serial'
export { readTokenSecret } from './read-token-secret'
