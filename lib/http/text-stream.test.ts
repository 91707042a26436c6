import { describe, expect, it } from 'vitest'
import { textStream } from './text-stream'

describe('textStream', () => {
  it('reads the source one chunk per pull, and stops it when the reader cancels', async () => {
    const produced: number[] = []
    let finished = false
    async function* source() {
      try {
        for (let i = 0; i < 100; i++) {
          produced.push(i)
          yield `line ${i}\n`
        }
      } finally {
        finished = true
      }
    }
    const reader = textStream(source()).getReader()
    const first = await reader.read()
    expect(new TextDecoder().decode(first.value)).toBe('line 0\n')
    // The stream may ask for one chunk ahead (its high-water mark), never the whole source.
    expect(produced.length).toBeLessThanOrEqual(2)
    await reader.cancel()
    expect(finished).toBe(true)
    expect(produced.length).toBeLessThanOrEqual(2)
  })

  it('ends when the source ends', async () => {
    async function* source() {
      yield 'a'
      yield 'é'
    }
    expect(await new Response(textStream(source())).text()).toBe('aé')
  })
})
