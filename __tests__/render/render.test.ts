import { describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import { diffArchives } from '../../src/pipeline/index.js'
import type { Report } from '../../src/report/types.js'
import { codeFence, codeSpan, markdownText } from '../../src/render/escape.js'
import { renderJson } from '../../src/render/json.js'
import { renderMarkdown } from '../../src/render/markdown.js'
import { renderText } from '../../src/render/text.js'
import { describeVersionStep } from '../../src/packaging/version.js'
import { SEED_RC2, SEED_RC3, buildSdist, tempDir } from '../helpers/sdist.js'

describe('JSON report', () => {
  it('has the documented shape with sorted, root-relative paths', async () => {
    const json = JSON.parse(renderJson(await diffArchives(SEED_RC2, SEED_RC3))) as Report
    expect(json.schemaVersion).toBe(1)
    expect(Object.keys(json.previous ?? {}).sort()).toEqual([
      'filename',
      'name',
      'sha256',
      'version'
    ])
    expect(json.previous?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(['none', 'info', 'low', 'medium', 'high']).toContain(json.risk)
    expect(Object.keys(json.files)).toEqual(
      expect.arrayContaining([
        'added',
        'removed',
        'modified',
        'renamed',
        'modeChanged',
        'unchanged'
      ])
    )
    expect(json.files.modified).toEqual([...json.files.modified].sort())
    for (const f of json.findings)
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['rule', 'severity', 'message']))
  })
})

describe('Markdown report', () => {
  it('puts the verdict first, then findings, then the file list, then diffs folded in <details>', async () => {
    const before = buildSdist(tempDir(), { files: { 'a.py': 'x = 1\n' } })
    const after = buildSdist(tempDir(), {
      version: '1.1',
      files: { 'a.py': 'x = 2\n', '.env': 'TOKEN=1' }
    })
    const markdown = renderMarkdown(await diffArchives(before, after))
    const first = markdown.split('\n')[0] ?? ''
    expect(first).toMatch(/^### 🔴 sdist-diff: risk \*\*high\*\* — `demo` `1\.0` → `1\.1`$/)
    const order = [
      '#### Findings',
      '#### Files',
      '#### Diffs',
      '<details><summary><code>a.py</code>'
    ]
    const positions = order.map(s => markdown.indexOf(s))
    expect(positions.every(p => p >= 0)).toBe(true)
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    expect(markdown).toContain('| 🔴 high | `sensitive-file-added` |')
    expect(markdown).toMatch(
      /```diff\n--- a\/a\.py\n\+\+\+ b\/a\.py\n@@ -1,1 \+1,1 @@\n-x = 1\n\+x = 2\n```/
    )
    expect(markdown).not.toContain('TOKEN=1')
  })

  it('folds the info findings and the file list past ten rows, so the rest stays in view', async () => {
    const files = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`f${i}.txt`, `${i}`]))
    const markdown = renderMarkdown(
      await diffArchives(
        buildSdist(tempDir(), { files: { 'gone.txt': 'x' } }),
        buildSdist(tempDir(), { files })
      )
    )
    const findings = markdown.slice(
      markdown.indexOf('#### Findings'),
      markdown.indexOf('#### Files')
    )
    expect(findings.split('<details>')[0]).toContain('file-removed')
    expect(findings.split('<details>')[0]).not.toContain('🔵 info')
    expect(findings).toContain('<details><summary>25 info findings</summary>')
    const fileList = markdown.slice(markdown.indexOf('#### Files'))
    const [shown = '', folded = ''] = fileList.split('<details><summary>16 more files</summary>')
    expect(shown.match(/^\| (➕|➖)/gm)).toHaveLength(10)
    expect(folded.match(/^\| (➕|➖)/gm)).toHaveLength(16)
  })

  it('escapes hostile file names so they cannot break tables, fences or mention anyone', async () => {
    const hostile = 'x` | <img src=x onerror=alert(1)> @octocat ```\n.py'
    const before = buildSdist(tempDir(), { files: { [hostile]: '```\n@admin\n' } })
    const after = buildSdist(tempDir(), { files: { [hostile]: '```\n@admin changed\n' } })
    const markdown = renderMarkdown(await diffArchives(before, after))
    const html = await marked.parse(markdown, { gfm: true })
    expect(html).not.toMatch(/<img/)
    const outsideCode = html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '')
    expect(outsideCode).not.toMatch(/@octocat|@admin/)
    const fileRow = markdown.split('\n').find(line => line.startsWith('| ✏️ modified'))
    expect(fileRow?.replace(/\\\|/g, '').split('|')).toHaveLength(4)
    expect(markdown).toContain('````diff')
  })

  it('escape helpers keep any text inside its context', () => {
    expect(markdownText('a|b <i>*x*</i> @me')).toBe('a\\|b &lt;i&gt;\\*x\\*&lt;/i&gt; @\u200bme')
    expect(codeSpan('a`b')).toBe('``a`b``')
    expect(codeSpan('`x')).toBe('`` `x ``')
    expect(codeFence('```\nhi', 'diff')).toBe('````diff\n```\nhi\n````')
  })
})

describe('text report', () => {
  it('shows the verdict, findings and file list before any diff, and shows control characters visibly', async () => {
    const before = buildSdist(tempDir(), { files: { 'a.py': '1\n' } })
    const after = buildSdist(tempDir(), { files: { 'a.py': '2\n', 'evil\u001b[2Jname': 'x' } })
    const text = renderText(await diffArchives(before, after))
    const lines = text.split('\n')
    expect(lines[0]).toBe('sdist-diff: risk HIGH  demo 1.0 -> 1.0')
    expect(text.indexOf('Findings:')).toBeLessThan(text.indexOf('Files:'))
    expect(text.indexOf('Files:')).toBeLessThan(text.indexOf('== a.py'))
    expect(text).not.toContain('\u001b')
    expect(text).toContain('evil\\u{1b}[2Jname')
  })
})

describe('messages a maintainer recognises', () => {
  it('shows the egg-info PKG-INFO diff once when it is the same change as PKG-INFO', async () => {
    const markdown = renderMarkdown(await diffArchives(SEED_RC2, SEED_RC3))
    expect(markdown).toContain(
      '<details><summary><code>backend.ai&#95;kernel&#95;helper.egg-info/PKG-INFO</code></summary>\n\n_same change as `PKG-INFO`_'
    )
  })

  it('says "line endings only" for a CRLF ↔ LF change', async () => {
    const report = await diffArchives(
      buildSdist(tempDir(), { files: { 'README.txt': 'one\ntwo\n' } }),
      buildSdist(tempDir(), { version: '1.1', files: { 'README.txt': 'one\r\ntwo\r\n' } })
    )
    expect(report.diffs.find(d => d.path === 'README.txt')).toEqual(
      expect.objectContaining({ note: 'line endings only (CRLF ↔ LF); the text is the same' })
    )
  })

  it('names an epoch change', () => {
    expect(describeVersionStep('2024.1', '1!1.0')).toBe(
      'an epoch change (0! → 1!): every version of epoch 1 sorts after all of epoch 0'
    )
  })
})
