import { describe, expect, it } from '@jest/globals'
import { applyPatch, createTwoFilesPatch } from 'diff'
import { DiffBudget, lineDiff, unifiedHunks } from '../../src/compare/line-diff.js'

const BOUNDS = { contextLines: 3, maxEditLength: 20_000 }

/** jsdiff's hunks for the same pair: the reference the report used before. */
function jsdiffHunks(before: string, after: string): string {
  const patch = createTwoFilesPatch('a', 'b', before, after, '', '', { context: 3 })
  return patch.split('\n').slice(3).join('\n').replace(/\n$/, '')
}

function withHeader(hunks: string): string {
  return `--- a\n+++ b\n${hunks}\n`
}

/** A deterministic pseudo-random text of lines drawn from a small vocabulary, so lines repeat. */
function randomText(random: () => number, lines: number): string {
  const words = ['alpha', 'beta', 'gamma', '{', '}', '', 'return x', '  "key": 1,']
  const out = Array.from({ length: lines }, () => words[Math.floor(random() * words.length)])
  const eol = random() < 0.2 ? '\r\n' : '\n'
  return out.join(eol) + (random() < 0.3 ? '' : eol)
}

function edit(random: () => number, text: string): string {
  const lines = text.split('\n')
  for (let n = Math.floor(random() * 6); n >= 0; n--) {
    const at = Math.floor(random() * (lines.length + 1))
    const roll = random()
    if (roll < 0.4) lines.splice(at, 1)
    else if (roll < 0.8) lines.splice(at, 0, `new ${Math.floor(random() * 5)}`)
    else lines[at] = `changed ${at}`
  }
  return lines.join('\n')
}

function prng(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

describe('the unified line diff', () => {
  it('writes the hunks jsdiff writes for ordinary edits, no-newline markers included', () => {
    const cases: [string, string][] = [
      ['a\nb\nc\n', 'a\nB\nc\n'],
      ['a\nb\nc', 'a\nb\nc\n'],
      ['', 'new file\n'],
      ['gone\n', ''],
      ['x\n'.repeat(20) + 'y\n', 'x\n'.repeat(20) + 'z\n'],
      ['1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n', '1\n2\nthree\n4\n5\n6\n7\n8\n9\nten\n11\n12\n'],
      ['a\r\nb\r\n', 'a\r\nc\r\n']
    ]
    for (const [before, after] of cases)
      expect(unifiedHunks(before, after, BOUNDS)).toBe(jsdiffHunks(before, after))
  })

  it('is a correct and minimal patch on 500 random pairs (jsdiff applies it; same line counts)', () => {
    const random = prng(2024)
    let sameHunks = 0
    for (let i = 0; i < 500; i++) {
      const before = randomText(random, 1 + Math.floor(random() * 40))
      const after = edit(random, before)
      const ours = unifiedHunks(before, after, BOUNDS) ?? ''
      expect(applyPatch(before, withHeader(ours))).toBe(after)
      const theirs = jsdiffHunks(before, after)
      const count = (patch: string, sign: string) =>
        patch.split('\n').filter(line => line.startsWith(sign)).length
      expect([count(ours, '+'), count(ours, '-')]).toEqual([count(theirs, '+'), count(theirs, '-')])
      if (ours === theirs) sameHunks++
    }
    // Where lines repeat, an equally short edit script can be aligned differently.
    expect(sameHunks).toBeGreaterThan(300)
  })

  it('past the edit bound, replaces what has no line in common instead of searching', () => {
    const before = Array.from({ length: 4000 }, (_, i) => `old ${i}\n`).join('')
    const after = Array.from({ length: 4000 }, (_, i) => `new ${i}\n`).join('')
    const bounded = unifiedHunks(before, after, { ...BOUNDS, maxEditLength: 100 })
    expect(bounded).toBe(unifiedHunks(before, after, BOUNDS))
    expect(bounded).toMatch(/^@@ -1,4000 \+1,4000 @@\n-old 0\n/)
    // No search at all: a few units of work per line, whatever the edit bound.
    for (const maxEditLength of [100, BOUNDS.maxEditLength]) {
      const budget = new DiffBudget(1e12)
      lineDiff(before, after, { ...BOUNDS, maxEditLength, maxLines: Infinity }, budget)
      expect(budget.spent).toBeLessThanOrEqual(4 * 8000)
    }
  })

  it('spends work in proportion to lines × edit bound on its worst case, not more', () => {
    // The same lines shuffled, drawn from eight values: no line is unique, so nothing anchors, and
    // every line has its twin on the other side, so the minimal diff is sought up to the bound, twice
    // (the whole file, then the one gap the absent anchors leave), and given up.
    const random = prng(7)
    const before = randomText(random, 3000).replace(/\r\n/g, '\n')
    const shuffled = before.split('\n').slice(0, -1)
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string]
    }
    const after = shuffled.join('\n') + '\n'
    const lines = 2 * shuffled.length
    for (const maxEditLength of [50, 200]) {
      const budget = new DiffBudget(1e12)
      const diff = lineDiff(before, after, { ...BOUNDS, maxEditLength, maxLines: Infinity }, budget)
      expect(diff?.anchored).toBe(true)
      expect(applyPatch(before, withHeader(diff?.hunks ?? ''))).toBe(after)
      expect(budget.spent).toBeGreaterThan(lines * maxEditLength)
      expect(budget.spent).toBeLessThanOrEqual(lines * (2 * maxEditLength + 8))
    }
  })
})
