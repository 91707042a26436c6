export { createUserLink, USER_LINK_MINUTES } from './create-user-link'
export { processUserLinkRequests } from './process-user-link-requests'
export { requestUserLink, type UserLinkRequestPurpose } from './request-user-link'
export { resolveUserLink, USER_LINK_MAX_FAILURES, type ResolvedUserLink, type UserLinkState } from './resolve-user-link'
