export { cancelTemporaryPasscode } from './cancel-temporary-passcode'
export { issueTemporaryPasscode, MAX_TEMPORARY_PASSCODE_HOURS } from './issue-temporary-passcode'
export {
  canonicalTemporaryPasscode,
  formatTemporaryPasscode,
  generateTemporaryPasscode,
  hashTemporaryPasscode,
  isTemporaryPasscodeShape,
  verifyTemporaryPasscode,
} from './temporary-passcode'
