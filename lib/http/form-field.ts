/**
 * One text field of a posted form, at most `max` characters: a missing
 * field or a file upload reads as '', so server actions never handle
 * unbounded or non-text input. Each caller names a bound that fits the field.
 */
export function formField(formData: FormData, name: string, max = 256): string {
  const value = formData.get(name)
  return typeof value === 'string' ? value.slice(0, max) : ''
}
