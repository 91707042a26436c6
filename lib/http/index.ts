export { buildContentSecurityPolicy, buildSecurityHeaders, type SecurityHeaderOptions } from './security-headers'
