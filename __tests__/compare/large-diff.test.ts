import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { applyPatch } from 'diff'
import { DiffBudget, lineDiff } from '../../src/compare/line-diff.js'

const BOUNDS = { contextLines: 3, maxEditLength: 1000 }

function prng(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * A gettext catalogue of 1,500 entries (6,000 lines). `moved` shifts every `#: file:line` reference;
 * `retranslated` changes every fifth translation.
 */
function catalogue({ moved = 0, retranslated = false } = {}): string {
  const lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '']
  for (let i = 0; i < 1499; i++) {
    const translation = retranslated && i % 5 === 0 ? `Nouvelle traduction ${i}` : `Traduction ${i}`
    lines.push(
      `#: src/app/module_${i % 40}.py:${10 + i * 3 + moved}`,
      `msgid "Message number ${i}"`,
      `msgstr "${translation}"`,
      ''
    )
  }
  return lines.join('\n') + '\n'
}

/** A 4,000-line module, written anew for each seed; blank lines and a few idioms repeat. */
function pythonModule(seed: number): string {
  const random = prng(seed)
  const common = ['', '', '    return None', '        pass', ')', '    """']
  return (
    Array.from({ length: 4000 }, (_, i) =>
      random() < 0.3
        ? common[Math.floor(random() * common.length)]
        : `    value_${Math.floor(random() * 1e9)} = compute(${i}, ${Math.floor(random() * 1e6)})`
    ).join('\n') + '\n'
  )
}

function withHeader(hunks: string): string {
  return `--- a\n+++ b\n${hunks}\n`
}

const count = (hunks: string, sign: string) =>
  hunks.split('\n').filter(line => line.startsWith(sign)).length

/** The hunks a real program writes for the pair (its two header lines dropped). */
function oracle(command: string, args: string[], before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sdist-diff-oracle-'))
  try {
    writeFileSync(join(dir, 'a'), before)
    writeFileSync(join(dir, 'b'), after)
    const run = spawnSync(command, [...args, join(dir, 'a'), join(dir, 'b')], {
      encoding: 'utf8',
      maxBuffer: 1 << 28
    })
    if (run.status !== 1) throw new Error(`${command} ${args.join(' ')}: ${run.stderr}`)
    const lines = run.stdout.replace(/\n$/, '').split('\n')
    // git appends the enclosing "function" line to each @@ header; GNU diff and this do not.
    return lines
      .slice(lines.findIndex(line => line.startsWith('@@')))
      .map(line => line.replace(/^(@@ -\S+ \+\S+ @@).*$/, '$1'))
      .join('\n')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const gitPatience = (before: string, after: string) =>
  oracle(
    'git',
    ['diff', '--no-index', '--no-color', '--patience', '--no-indent-heuristic', '-U3'],
    before,
    after
  )
const gnuDiff = (before: string, after: string) => oracle('diff', ['-U3'], before, after)

describe('diffs of large files changed everywhere', () => {
  it('a catalogue whose every reference moved: the hunks git --patience and GNU diff write', () => {
    const [before, after] = [catalogue(), catalogue({ moved: 7, retranslated: true })]
    const diff = lineDiff(before, after, { ...BOUNDS, maxLines: Infinity })
    expect(diff?.anchored).toBe(true)
    expect(diff?.hunks).toBe(gitPatience(before, after))
    expect(diff?.hunks).toBe(gnuDiff(before, after))
    expect(applyPatch(before, withHeader(diff?.hunks ?? ''))).toBe(after)
    // Every reference line and every fifth translation, replaced one for one.
    expect([diff?.added, diff?.removed]).toEqual([1499 + 300, 1499 + 300])
    expect(diff?.lines).toBe((diff?.hunks ?? '').split('\n').length)
  })

  it('a module rewritten whole: a valid patch replacing it, with its counts', () => {
    const [before, after] = [pythonModule(1), pythonModule(2)]
    const diff = lineDiff(before, after, { ...BOUNDS, maxLines: Infinity })
    const hunks = diff?.hunks ?? ''
    expect(diff?.anchored).toBe(true)
    expect(applyPatch(before, withHeader(hunks))).toBe(after)
    expect([count(hunks, '+'), count(hunks, '-')]).toEqual([diff?.added, diff?.removed])
    // GNU diff aligns the repeated blank lines (a minimal diff); this gives up on them, as
    // GNU diff --speed-large-files may, and replaces the module.
    const gnu = gnuDiff(before, after)
    expect(count(gnu, '+') + count(gnu, '-')).toBeLessThan(count(hunks, '+') + count(hunks, '-'))
    // Only a matching first or last line (the common head and tail) is kept.
    expect(diff?.added).toBeGreaterThan(3990)
    expect(diff?.removed).toBe(diff?.added)
  })

  it('writes only the lines shown, counts the rest, and spends less work doing so', () => {
    const [before, after] = [catalogue(), catalogue({ moved: 7, retranslated: true })]
    const [fullBudget, cutBudget] = [new DiffBudget(1e9), new DiffBudget(1e9)]
    const full = lineDiff(before, after, { ...BOUNDS, maxLines: Infinity }, fullBudget)
    const cut = lineDiff(before, after, { ...BOUNDS, maxLines: 398 }, cutBudget)
    const shown = (cut?.hunks ?? '').split('\n')
    expect(shown).toHaveLength(398)
    // Every complete hunk shown is the full diff's; the last one is cut.
    const lastHeader = shown.map(l => l.startsWith('@@')).lastIndexOf(true)
    expect(shown.slice(0, lastHeader)).toEqual((full?.hunks ?? '').split('\n').slice(0, lastHeader))
    expect(cut?.lines).toBe(full?.lines)
    expect([cut?.added, cut?.removed]).toEqual([full?.added, full?.removed])
    expect(1e9 - cutBudget.remaining).toBeLessThan(1e9 - fullBudget.remaining)
  })

  it('gives up once the run budget is spent, and counts the work of each file', () => {
    const [before, after] = [catalogue(), catalogue({ moved: 7 })]
    const budget = new DiffBudget(100_000)
    expect(lineDiff(before, after, BOUNDS, budget)).toBeDefined()
    const spent = 100_000 - budget.remaining
    expect(spent).toBeGreaterThan(12_000)
    expect(lineDiff(before, after, BOUNDS, new DiffBudget(spent))).toBeDefined()
    expect(lineDiff(before, after, BOUNDS, new DiffBudget(spent - 1))).toBeUndefined()
    expect(lineDiff(before, after, BOUNDS, budget)).toBeUndefined()
  })

  it('anchors nested reorderings without running away (bounded depth)', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i}\n`)
    const [before, after] = [lines.join(''), [...lines].reverse().join('')]
    const budget = new DiffBudget(1e9)
    const diff = lineDiff(before, after, { ...BOUNDS, maxLines: Infinity }, budget)
    expect(applyPatch(before, withHeader(diff?.hunks ?? ''))).toBe(after)
    // At most one failed minimal attempt (N·maxEditLength) beyond linear work per nesting level.
    expect(1e9 - budget.remaining).toBeLessThan(6000 * (BOUNDS.maxEditLength + 4 * 32 + 8))
  })
})
