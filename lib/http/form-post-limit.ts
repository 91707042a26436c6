// Pure: how large a form post (server action) may be, decided before Next.js reads it.

const MB = 1024 * 1024
/** Next.js's own default for server actions: ample for every form without a file. */
export const FORM_POST_LIMIT = 1 * MB
/** Administration uploads (user CSV up to 20 MB, logos); next.config.js's server-action limit matches. */
export const ADMIN_UPLOAD_LIMIT = 21 * MB

/**
 * The most bytes a form post to `path` may carry. Next.js can only have one
 * server-action body limit, and the admins' CSV import needs 21 MB; so that
 * anyone on the internet cannot make a public form (sign-in, enrollment)
 * buffer 21 MB, the larger limit holds only for /admin posts that carry a
 * staff session cookie (each action still checks the session and role), and
 * the proxy refuses anything else above 1 MB by its Content-Length.
 */
export function formPostLimit({ path, hasStaffCookie }: { path: string; hasStaffCookie: boolean }): number {
  return hasStaffCookie && /^\/admin(\/|$)/.test(path) ? ADMIN_UPLOAD_LIMIT : FORM_POST_LIMIT
}

/** A post is over its limit by its declared length (Next.js's own limit stops a body that lies). */
export function isOverFormPostLimit({ contentLength, limit }: { contentLength: string | null; limit: number }): boolean {
  const length = Number(contentLength)
  return contentLength !== null && Number.isFinite(length) && length > limit
}
