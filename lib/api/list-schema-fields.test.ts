import { describe, expect, it } from 'vitest'
import { ZCheckAnswer, ZValidateAnswer, ZValidateRequest } from './api-schemas'
import { toApiJsonSchema } from './build-openapi-document'
import { listSchemaFields } from './list-schema-fields'

describe('listSchemaFields', () => {
  it('lists a request body field by field, with what is required and the limits', () => {
    const [request] = listSchemaFields(toApiJsonSchema(ZValidateRequest, 'input'))
    expect(request!.fields.map((f) => [f.name, f.type, f.required, f.rules])).toEqual([
      ['username', 'string', true, ['not empty', 'at most 254 characters']],
      ['passcode', 'string', true, ['at most 4096 characters']],
      ['clientIp', 'string', false, ['at most 64 characters']],
    ])
    expect(request!.fields.every((f) => f.description.length > 0)).toBe(true)
    expect(request!.example).toEqual({ username: 'jdoe', passcode: '4827739201', clientIp: '198.51.100.7' })
  })

  it('shows each shape an answer can take, with constants and formats in words', () => {
    const variants = listSchemaFields(toApiJsonSchema(ZValidateAnswer, 'output'))
    expect(variants.map((v) => v.example)).toEqual([
      { result: 'accept' },
      { result: 'accept', mfa: 'excluded', exclusionRuleId: 'cmiexcl0001' },
      { result: 'reject', message: 'Access denied' },
    ])
    expect(variants[0]!.fields[0]!.type).toBe('always "accept"')
    const [check] = listSchemaFields(toApiJsonSchema(ZCheckAnswer, 'output'))
    expect(check!.fields.find((f) => f.name === 'serverTime')!.type).toBe('string (date and time, ISO 8601 in UTC)')
  })
})
