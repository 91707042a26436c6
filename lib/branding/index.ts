export { checkBrandColour, contrastRatio, MIN_BRAND_CONTRAST, relativeLuminance } from './contrast'
export { LOGO_MAX_BYTES, sniffLogoType, type LogoType } from './sniff-logo'
export { sanitizeSvg, type SanitizedSvg } from './sanitize-svg'
export { checkLogo, logoPath, type CheckedLogo } from './check-logo'
export { saveLogo, removeLogo } from './save-logo'
export { getLogoAsset } from './get-logo-asset'
export {
  checkAuthenticatorAppsInput,
  checkBrandingInput,
  checkRulesOfUseInput,
  EXTRA_APP_ROWS,
  MAX_APPS,
  STORE_PLATFORMS,
  ZBrandingInput,
  type TBrandingInput,
} from './branding-input'
