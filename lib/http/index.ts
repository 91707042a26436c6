export { checkPostOrigin, type PostOriginVerdict } from './check-post-origin'
export { buildContentSecurityPolicy, buildSecurityHeaders, MAIL_PREVIEW_CSP, type SecurityHeaderOptions } from './security-headers'
export { requestContext } from './request-context'
export { readBoundedJson, type BoundedJson } from './read-bounded-json'
