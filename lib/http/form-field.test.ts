import { describe, expect, it } from 'vitest'
import { formField } from './form-field'

describe('formField', () => {
  const form = new FormData()
  form.set('name', 'x'.repeat(300))
  form.set('upload', new Blob(['file body']), 'a.txt')

  it('reads a text field bounded to its limit', () => {
    expect(formField(form, 'name')).toHaveLength(256)
    expect(formField(form, 'name', 10)).toBe('x'.repeat(10))
  })

  it('reads a missing field or a file as empty text', () => {
    expect(formField(form, 'absent')).toBe('')
    expect(formField(form, 'upload')).toBe('')
  })
})
