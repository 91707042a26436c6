export {
  authenticatorAppsFrom,
  DEFAULT_AUTHENTICATOR_APPS,
  storeLinksFor,
  type AuthenticatorApp,
  type StoreLink,
  type StorePlatform,
} from './authenticator-apps'
export { isPinExpired, pinExpiresAt, pinReminderDueAt } from './pin-expiry'
export { checkPin, describePinRules, isTrivialPin, pinPolicyFrom, type PinPolicy, type PinViolation } from './pin-policy'
export { detectPlatform, isPhone, PLATFORM_NAMES, type Platform } from './platform'
export { DEFAULT_RULES_OF_USE, rulesOfUseFrom } from './rules-of-use'
export { defaultTokenName, ZTokenName } from './token-name'
export { allowedTokenTypes } from './token-types'
