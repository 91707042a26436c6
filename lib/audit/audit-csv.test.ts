import { describe, expect, it } from 'vitest'
import { auditCsvHeader, auditCsvLine, csvCell, csvLine } from './audit-csv'

describe('audit CSV', () => {
  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('plain text')).toBe('plain text')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"')
    expect(csvCell(null)).toBe('')
    expect(csvCell('')).toBe('')
    expect(csvLine(['a', null, 'b,c'])).toBe('a,,"b,c"\r\n')
  })

  it.each([
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
  ])('defuses a cell a spreadsheet would run as a formula: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell)
  })

  it('writes one event per line under a fixed header', () => {
    expect(auditCsvHeader()).toBe('time,action,actor_type,actor,actor_id,subject_type,subject,subject_id,ip,user_agent,details,id\r\n')
    const line = auditCsvLine({
      id: 'e1',
      at: new Date('2026-11-28T06:00:00.123Z'),
      action: 'token.locked',
      actorType: 'API_CLIENT',
      actorId: 'k1',
      actorLabel: 'vpn-gw1',
      subjectType: 'token',
      subjectId: 't1',
      subjectLabel: '=cmd|calc',
      ip: '198.51.100.7',
      userAgent: 'Mozilla/5.0 (X11, Linux)',
      details: '{"reason":"wrong-code","failures":10}',
    })
    expect(line).toBe(
      `2026-11-28T06:00:00.123Z,token.locked,api_client,vpn-gw1,k1,token,'=cmd|calc,t1,198.51.100.7,"Mozilla/5.0 (X11, Linux)","{""reason"":""wrong-code"",""failures"":10}",e1\r\n`,
    )
  })
})
