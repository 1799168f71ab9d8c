import { describe, expect, it } from '@jest/globals'
import { sameButLineEndings } from '../../src/compare/file-diff.js'

/** The definition: the texts are equal once every CRLF and lone CR is read as LF. */
const normalised = (text: string) => text.replace(/\r\n?/g, '\n')

/** Every text of up to `length` characters drawn from `alphabet`. */
function texts(alphabet: string[], length: number): string[] {
  let out = ['']
  const all = ['']
  for (let n = 0; n < length; n++) {
    out = out.flatMap(text => alphabet.map(c => text + c))
    all.push(...out)
  }
  return all
}

describe('sameButLineEndings', () => {
  it('agrees with CRLF and lone CR read as LF, on every short text pair', () => {
    const all = texts(['a', '\r', '\n'], 4)
    let same = 0
    for (const before of all)
      for (const after of all) {
        const expected = normalised(before) === normalised(after)
        if (expected) same++
        expect([before, after, sameButLineEndings(before, after)]).toEqual([
          before,
          after,
          expected
        ])
      }
    // The pairs that differ only in line endings are many, not just the equal ones.
    expect(same).toBeGreaterThan(all.length)
  })

  it('tells a CRLF file from the same file with a line changed', () => {
    expect(sameButLineEndings('one\ntwo\n', 'one\r\ntwo\r\n')).toBe(true)
    expect(sameButLineEndings('one\ntwo\n', 'one\r\ntwo!\r\n')).toBe(false)
    expect(sameButLineEndings('one\n\n', 'one\r\r\n')).toBe(true)
    expect(sameButLineEndings('one\n', 'one\r\n\n')).toBe(false)
  })
})
