import { describe, expect, it } from 'vitest'
import { ADMIN_UPLOAD_LIMIT, FORM_POST_LIMIT, formPostLimit, isOverFormPostLimit } from './form-post-limit'

describe('formPostLimit', () => {
  it('allows large uploads only to admin pages posted with a staff session cookie', () => {
    expect(formPostLimit({ path: '/admin/users/import', hasStaffCookie: true })).toBe(ADMIN_UPLOAD_LIMIT)
    expect(formPostLimit({ path: '/admin', hasStaffCookie: true })).toBe(ADMIN_UPLOAD_LIMIT)
    expect(formPostLimit({ path: '/admin/users/import', hasStaffCookie: false })).toBe(FORM_POST_LIMIT)
    expect(formPostLimit({ path: '/enroll/abc/pin', hasStaffCookie: true })).toBe(FORM_POST_LIMIT)
    expect(formPostLimit({ path: '/administrator', hasStaffCookie: true })).toBe(FORM_POST_LIMIT)
    expect(formPostLimit({ path: '/sign-in', hasStaffCookie: false })).toBe(FORM_POST_LIMIT)
  })

  it('judges a post by its declared length', () => {
    expect(isOverFormPostLimit({ contentLength: String(FORM_POST_LIMIT + 1), limit: FORM_POST_LIMIT })).toBe(true)
    expect(isOverFormPostLimit({ contentLength: String(FORM_POST_LIMIT), limit: FORM_POST_LIMIT })).toBe(false)
    expect(isOverFormPostLimit({ contentLength: null, limit: FORM_POST_LIMIT })).toBe(false)
    expect(isOverFormPostLimit({ contentLength: 'lots', limit: FORM_POST_LIMIT })).toBe(false)
  })
})
