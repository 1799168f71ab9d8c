import { describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import { diffArchives, runPipeline } from '../../src/pipeline/index.js'
import { renderMarkdown } from '../../src/render/markdown.js'
import { renderRunMarkdownWithin } from '../../src/render/run.js'
import { parseRunReport } from '../../src/report/schema.js'
import type { RunReport } from '../../src/report/types.js'
import { startIndexServer } from '../helpers/index-server.js'
import { runAction } from '../helpers/runner.js'
import { SEED_RC2, SEED_RC3, buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

/** The Markdown table rows under the verdict, as [label, before, after] cells. */
function glanceRows(markdown: string): string[][] {
  const table = markdown.split('\n\n')[2] ?? ''
  return table
    .split('\n')
    .slice(2)
    .map(line => line.split(' | ').map(cell => cell.replace(/^\| | \|$/g, '')))
}

describe('the metadata at a glance, right after the verdict', () => {
  it('on the seed pair: version and Requires-Python marked as changed, the rest as before', async () => {
    const markdown = renderMarkdown(await diffArchives(SEED_RC2, SEED_RC3))
    expect(markdown.split('\n\n')[2]?.split('\n')[0]).toBe('| | before | after |')
    expect(glanceRows(markdown)).toEqual([
      ['Version', '`24.3.0rc2`', '**`24.3.0rc3`** ✏️'],
      ['Requires-Python', '`>=3.11,<3.12`', '**`>=3.12,<3.13`** ✏️'],
      ['Dependencies', '1', '1'],
      ['Extras', 'none', 'none'],
      ['Licence', '`LGPL-3.0-or-later`', '`LGPL-3.0-or-later`'],
      ['Entry points', '0', '0'],
      // Same count and size: not marked, although four files changed inside.
      ['Files', '15 (6.5 KiB)', '15 (6.5 KiB)']
    ])
  })

  it('counts dependencies added and removed, and lists extras', async () => {
    const sdist = (version: string, headers: string) =>
      buildSdist(tempDir(), { version, files: { 'PKG-INFO': pkgInfo('demo', version, headers) } })
    const report = await diffArchives(
      sdist('1.0', 'Requires-Dist: six\nRequires-Dist: click'),
      sdist(
        '1.1',
        'Requires-Dist: click\nRequires-Dist: rich\nRequires-Dist: attrs\nProvides-Extra: dev\nRequires-Dist: black; extra == "dev"\nLicense-Expression: MIT\nRequires-Python: >=3.9'
      )
    )
    const rows = Object.fromEntries(glanceRows(renderMarkdown(report)).map(([k, ...v]) => [k, v]))
    expect(rows.Dependencies).toEqual(['2', '**3** (+2 −1) ✏️'])
    expect(rows.Extras).toEqual(['none', '**1: dev** (+1 −0) ✏️'])
    expect(rows["Extras' dependencies"]).toEqual(['0', '**1** (+1 −0) ✏️'])
    expect(rows.Licence).toEqual(['none', '**`MIT`** ✏️'])
    expect(rows['Requires-Python']).toEqual(['any', '**`>=3.9`** ✏️'])
    expect(report.glance?.current.dependencies).toEqual(['attrs', 'click', 'rich'])
    expect(report.glance?.current.extraDependencies).toEqual(['black'])
  })

  it('a new package (not on the index yet) has one column', async () => {
    const index = await startIndexServer([])
    try {
      const run = await runPipeline({ kind: 'release', current: [SEED_RC3], indexUrl: index.url })
      const [report] = run.packages
      expect(report?.previous).toBeNull()
      expect(report?.glance?.previous).toBeNull()
      const lines = renderMarkdown(report!).split('\n\n')[2]?.split('\n') ?? []
      expect(lines[0]).toBe('| | `24.3.0rc3` |')
      expect(lines[2]).toBe('| Version | `24.3.0rc3` |')
    } finally {
      await index.close()
    }
  })

  it('survives the trip through the JSON report to the publish step', async () => {
    const report = await diffArchives(SEED_RC2, SEED_RC3)
    const run: RunReport = { schemaVersion: 1, risk: report.risk, packages: [report] }
    const read = parseRunReport(JSON.stringify(run), 'report.json')
    expect(read.packages[0]?.glance).toEqual(report.glance)
    expect(renderMarkdown(read.packages[0]!)).toBe(renderMarkdown(report))
  })
})

describe('paths and renames in diffs', () => {
  it('shows Unicode paths as text in the diff headers and the summaries', async () => {
    const path = 'données/café ☕.py'
    const report = await diffArchives(
      buildSdist(tempDir(), { files: { [path]: 'a = 1\n' } }),
      buildSdist(tempDir(), { version: '1.1', files: { [path]: 'a = 2\n' } })
    )
    const diff = report.diffs.find(d => d.path === path)
    expect(diff?.patch?.split('\n').slice(0, 2)).toEqual([`--- a/${path}`, `+++ b/${path}`])
    const markdown = renderMarkdown(report)
    expect(markdown).toContain(`<summary><code>${path}</code> (+1 −1)</summary>`)
    expect(markdown).toContain(`--- a/${path}`)
  })

  it('a rename with edits shows old → new in the file list and over its diff', async () => {
    const body = Array.from({ length: 20 }, (_, i) => `x${i} = ${i}\n`).join('')
    const report = await diffArchives(
      buildSdist(tempDir(), { files: { 'pkg/old.py': body } }),
      buildSdist(tempDir(), { version: '1.1', files: { 'pkg/new.py': body + 'y = 1\n' } })
    )
    const markdown = renderMarkdown(report)
    expect(markdown).toContain('| ➡️ renamed (97% of lines kept) | `pkg/old.py` → `pkg/new.py` |')
    expect(markdown).toContain('<summary><code>pkg/old.py → pkg/new.py</code> (+1 −0)</summary>')
  })
})

describe('the job summary', () => {
  it('fills up to GitHub’s 1 MiB with diffs before it drops any, and keeps every file row', async () => {
    // 100 files whose 300 lines all change: diffs cut at 400 lines, ~1.5 MB in all, more than a summary holds.
    const text = (seed: string, file: number) =>
      Array.from({ length: 300 }, (_, i) => `${seed} ${file} line ${i} ${'é'.repeat(12)}\n`).join(
        ''
      )
    const before = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`pkg/m${i}.py`, text('old', i)])
    )
    const after = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`pkg/m${i}.py`, text('new', i)])
    )
    const previous = buildSdist(tempDir(), { files: before })
    const current = buildSdist(tempDir(), { version: '1.1', files: after })
    const result = await runAction({ with: { previous, current, 'fail-on': 'none' } })
    const bytes = Buffer.byteLength(result.summary)
    expect(bytes).toBeLessThanOrEqual(1024 * 1024)
    expect(bytes).toBeGreaterThan(900 * 1024)
    expect(result.summary.match(/^\| ✏️ modified \| `pkg\/m\d+\.py` \|$/gm)).toHaveLength(100)
    expect(result.summary).toMatch(/_\d+ diffs left out to fit GitHub's size limit\./)
    const html = await marked.parse(result.summary, { gfm: true })
    expect(html).toContain('<table>')
  }, 60_000)

  it('a comment keeps within 65,536 characters the same way', async () => {
    const body = (seed: string, file: number) =>
      Array.from({ length: 300 }, (_, i) => `${seed} line ${i} of file ${file}\n`).join('')
    const files = (seed: string) =>
      Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}.txt`, body(seed, i)]))
    const report = await diffArchives(
      buildSdist(tempDir(), { files: files('old') }),
      buildSdist(tempDir(), { version: '1.1', files: files('new') })
    )
    const run: RunReport = { schemaVersion: 1, risk: report.risk, packages: [report] }
    const comment = renderRunMarkdownWithin(run, 65_536, 'See the job summary.')
    expect(comment.length).toBeLessThanOrEqual(65_536)
    expect(comment.length).toBeGreaterThan(60_000)
    expect(comment).toContain('<code>f0.txt</code>')
    expect(comment).toMatch(
      /_\d+ diffs left out to fit GitHub's size limit\. See the job summary\._/
    )
  })
})
