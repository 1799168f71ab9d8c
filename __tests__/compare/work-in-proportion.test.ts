import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { applyPatch } from 'diff'
import { findSecrets, scanWork } from '../../src/analysis/secrets.js'
import { DEFAULT_DIFF_LIMITS } from '../../src/compare/file-diff.js'
import { DiffBudget, lineDiff } from '../../src/compare/line-diff.js'
import { readArchive } from '../../src/read/read-archive.js'
import { diffArchives } from '../../src/pipeline/index.js'
import { sharedCorpus } from '../helpers/shared.js'
import { buildSdist, tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'

function prng(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** A gettext catalogue of 1,500 entries; `moved` shifts every reference, `retranslated` every fifth translation. */
function catalogue(moved: number, retranslated: boolean, secret = ''): string {
  const lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '']
  for (let i = 0; i < 1499; i++) {
    const translation = retranslated && i % 5 === 0 ? `Nouvelle traduction ${i}` : `Traduction ${i}`
    lines.push(
      `#: src/app/module_${i % 40}.py:${10 + i * 3 + moved}`,
      `msgid "Message number ${i}"`,
      `msgstr "${translation}"`,
      ''
    )
    if (i === 700 && secret) lines.push(secret)
  }
  return lines.join('\n') + '\n'
}

// Values shaped like real credentials, made up for the test.
const OLD_TOKEN = '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'
const NEW_TOKEN = 'ghp_Q7rT2mXv9LpA4sKd8NbE1cFh6JyU3oWz5GiR'

describe('the secret scan of a modified file, in proportion to what changed', () => {
  it('scans only the lines the diff adds and the lines its patch shows', async () => {
    const [before, after] = [catalogue(0, false), catalogue(7, true)]
    const previous = buildSdist(tempDir(), { files: { 'locale/de.po': before } })
    const current = buildSdist(tempDir(), { version: '1.1', files: { 'locale/de.po': after } })
    const scanned = scanWork.scanned
    const report = await diffArchives(previous, current)
    expect(report.diffs.find(d => d.path === 'locale/de.po')?.patch).toBeDefined()
    // A whole scan reads both sides; the references and a fifth of the translations are less than one.
    expect(scanWork.scanned - scanned).toBeLessThan(after.length)
  })

  it('reports what a whole scan of both sides reports, and redacts what the patch shows', async () => {
    const unchanged = `# token: ${OLD_TOKEN}`
    const before = catalogue(0, false, unchanged)
    const after = catalogue(7, true, unchanged).replace(
      'msgstr "Traduction 3"',
      `msgstr "${NEW_TOKEN}"`
    )
    const previous = buildSdist(tempDir(), { files: { 'locale/fr.po': before } })
    const current = buildSdist(tempDir(), { version: '1.1', files: { 'locale/fr.po': after } })
    const report = await diffArchives(previous, current)
    const whole = (text: string) => findSecrets([{ path: 'locale/fr.po', text }])
    const [nowWhole, beforeWhole] = [await whole(after), await whole(before)]
    const added = nowWhole.filter(hit => !beforeWhole.some(old => old.value === hit.value))
    expect(added).toHaveLength(1)
    expect(report.findings.filter(f => f.rule === 'secret-added').map(f => f.message)).toEqual([
      `locale/fr.po line ${added[0]?.line}: ${added[0]?.kind} (value redacted); it would be published with the release`
    ])
    // The token on an unchanged line is not reported; both values are redacted everywhere.
    expect(JSON.stringify(report)).not.toContain(OLD_TOKEN)
    expect(JSON.stringify(report)).not.toContain(NEW_TOKEN)
  })

  it('redacts a secret on an unchanged line the patch shows, though no whole scan is made', async () => {
    const before = catalogue(0, false).replace('msgid "Message number 3"', `msgid "${OLD_TOKEN}"`)
    const after = catalogue(7, true).replace('msgid "Message number 3"', `msgid "${OLD_TOKEN}"`)
    const previous = buildSdist(tempDir(), { files: { 'locale/de.po': before } })
    const current = buildSdist(tempDir(), { version: '1.1', files: { 'locale/de.po': after } })
    const report = await diffArchives(previous, current)
    expect(report.findings.filter(f => f.rule === 'secret-added')).toEqual([])
    const shown = lineDiff(before, after, { ...DEFAULT_DIFF_LIMITS, maxLines: 398 })?.hunks
    expect(shown).toContain(` msgid "${OLD_TOKEN}"`)
    expect(report.diffs.find(d => d.path === 'locale/de.po')?.patch).toContain(' msgid "')
    expect(JSON.stringify(report)).not.toContain(OLD_TOKEN)
  })
})

/** 4,000 lines drawn from eight values, shuffled anew for each seed: the minimal diff's worst case. */
function shuffledModule(seed: number): string {
  const random = prng(seed)
  const values = Array.from({ length: 8 }, (_, i) => `value_${i} = compute(${i})`)
  return Array.from({ length: 4000 }, () => values[Math.floor(random() * 8)]).join('\n') + '\n'
}

describe("the run's diff budget on a generated release", () => {
  it('summarises the files past it, and the CLI report names them', async () => {
    // As many files as the budget holds, counted by the work one of them takes, and four more.
    const one = new DiffBudget(1e12)
    const shown = { ...DEFAULT_DIFF_LIMITS, maxLines: DEFAULT_DIFF_LIMITS.maxPatchLines - 2 }
    lineDiff(shuffledModule(100), shuffledModule(200), shown, one)
    const count = Math.ceil(DEFAULT_DIFF_LIMITS.runWork / one.spent) + 4
    const files = (seed: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`pkg/gen_${i}.py`, shuffledModule(seed * 100 + i)])
      )
    const previous = buildSdist(tempDir(), { files: files(1) })
    const current = buildSdist(tempDir(), { version: '1.1', files: files(2) })
    const json = await runCli([previous, current, '--format', 'json', '--fail-on', 'none'])
    const report = JSON.parse(json.stdout)
    const generated = report.diffs.filter((d: { path: string }) => d.path.startsWith('pkg/'))
    const summarised = generated.filter((d: { summarised?: true }) => d.summarised)
    const diffed = generated.filter((d: { patch?: string }) => d.patch)
    expect(diffed.length).toBeGreaterThan(0)
    expect(summarised.length).toBeGreaterThan(0)
    expect(diffed.length + summarised.length).toBe(count)
    for (const diff of summarised)
      expect(diff.note).toBe(
        `not diffed: the run's diff budget (${DEFAULT_DIFF_LIMITS.runWork.toLocaleString('en')} work units) was spent on earlier files; 4000 → 4000 lines, compared by SHA-256`
      )
    const text = await runCli([previous, current, '--fail-on', 'none'])
    expect(text.stdout).toContain(
      `${summarised.length} files summarised, not diffed (the run’s diff budget was spent): ${summarised[0].path}`
    )
  }, 180_000)
})

/** GNU diff's hunks for a pair of texts, and its +/− counts. */
function gnuDiff(before: string, after: string): { added: number; removed: number } {
  const dir = mkdtempSync(join(tmpdir(), 'sdist-diff-gnu-'))
  try {
    writeFileSync(join(dir, 'a'), before)
    writeFileSync(join(dir, 'b'), after)
    const run = spawnSync('diff', ['--minimal', '-U3', join(dir, 'a'), join(dir, 'b')], {
      encoding: 'utf8',
      maxBuffer: 1 << 28
    })
    const lines = run.stdout.split('\n').slice(2)
    const count = (sign: string) => lines.filter(line => line.startsWith(sign)).length
    return { added: count('+'), removed: count('-') }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const realSdists = sharedCorpus('real-sdists', 'line diff against GNU diff on real releases')

describe('the line diff against GNU diff on real releases', () => {
  const run = realSdists ? it : it.skip
  run(
    'every modified text file: the hunks apply, and minimal diffs count as GNU diff --minimal does',
    async () => {
      const root = realSdists as string
      let compared = 0
      for (const project of readdirSync(root, { withFileTypes: true }).filter(d =>
        d.isDirectory()
      )) {
        const versions = readdirSync(join(root, project.name)).sort()
        const archives = versions.map(v => {
          const folder = join(root, project.name, v)
          return join(folder, readdirSync(folder).find(f => f.endsWith('.tar.gz')) as string)
        })
        if (archives.length < 2) continue
        const [a, b] = await Promise.all(archives.slice(0, 2).map(file => readArchive(file)))
        let inProject = 0
        for (const [path, entry] of b?.entries ?? []) {
          if (inProject >= 12) break
          const old = a?.entries.get(path)
          if (!old?.content || !entry.content || old.binary || entry.binary) continue
          if (old.sha256 === entry.sha256 || !/\.(py|txt|rst|md|toml|cfg)$/.test(path)) continue
          const [before, after] = [old.content.toString('utf8'), entry.content.toString('utf8')]
          const diff = lineDiff(before, after, { ...DEFAULT_DIFF_LIMITS, maxLines: Infinity })
          expect(applyPatch(before, `--- a\n+++ b\n${diff?.hunks}\n`)).toBe(after)
          if (!diff?.anchored)
            expect([diff?.added, diff?.removed]).toEqual(Object.values(gnuDiff(before, after)))
          compared++
          inProject++
        }
      }
      expect(compared).toBeGreaterThan(50)
    },
    180_000
  )
})
