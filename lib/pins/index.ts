export { hashPin, verifyPin } from './hash-pin'
export { setTokenPin } from './set-token-pin'
