export { cancelTemporaryPasscode } from './cancel-temporary-passcode'
export { issueTemporaryPasscode } from './issue-temporary-passcode'
export {
  canonicalTemporaryPasscode,
  formatTemporaryPasscode,
  generateTemporaryPasscode,
  hashTemporaryPasscode,
  isTemporaryPasscodeShape,
  verifyTemporaryPasscode,
} from './temporary-passcode'
