import { describe, expect, it } from '@jest/globals'
import { diffArchives } from '../../src/pipeline/index.js'
import { MAX_PATCH_CHARS } from '../../src/compare/file-diff.js'
import { COMMENT_LIMIT, renderComment } from '../../src/render/comment.js'
import { fitToSchema } from '../../src/report/fit.js'
import { renderRun } from '../../src/render/run.js'
import { parseRunReport } from '../../src/report/schema.js'
import type { RunReport } from '../../src/report/types.js'
import { buildSdist, tempDir } from '../helpers/sdist.js'

const release = (version: string, files: Record<string, string | Buffer>) =>
  buildSdist(tempDir(), {
    version,
    files: Object.fromEntries(Object.entries(files).map(([path, content]) => [path, { content }]))
  })

describe('a report read back by mode: publish', () => {
  it('keeps every field report mode writes: sizes and hashes of binary and CRLF-only diffs', async () => {
    const report = await diffArchives(
      release('1.0', { 'demo/logo.bin': Buffer.from([0, 1, 2, 3]), 'demo/a.txt': 'a\nb\n' }),
      release('1.1', { 'demo/logo.bin': Buffer.from([0, 1, 2, 4]), 'demo/a.txt': 'a\r\nb\r\n' })
    )
    expect(report.diffs.map(d => d.kind)).toContain('binary')
    const run: RunReport = { schemaVersion: 1, risk: report.risk, packages: [report] }
    const read = parseRunReport(renderRun(run, 'json'), 'test')
    expect(read.packages[0]?.diffs).toEqual(report.diffs)
    const options = { key: 'demo', fullReportHint: 'hint' }
    expect(renderComment(read, options)).toBe(renderComment(run, options))
  })
})

describe('the report schema’s caps are what report mode writes', () => {
  it('a one-line 900 KB asset changed in one place: the patch is cut to the cap, with a note', async () => {
    const line = 'x'.repeat(900_000)
    const report = await diffArchives(
      release('1.0', { 'demo/app.min.js': `${line}a\n` }),
      release('1.1', { 'demo/app.min.js': `${line}b\n` })
    )
    const diff = report.diffs.find(d => d.path === 'demo/app.min.js')
    expect(diff?.patch?.length).toBeLessThanOrEqual(MAX_PATCH_CHARS)
    expect(diff?.patch?.startsWith('--- a/demo/app.min.js\n+++ b/demo/app.min.js\n@@')).toBe(true)
    expect(diff?.note).toMatch(/^diff cut after 900,\d{3} of 1,800,\d{3} characters$/)
    const run: RunReport = { schemaVersion: 1, risk: report.risk, packages: [report] }
    const read = parseRunReport(renderRun(fitToSchema(run), 'json'), 'test')
    expect(read.packages[0]?.diffs).toEqual(report.diffs)
    const body = renderComment(read, { key: 'demo', fullReportHint: 'hint' })
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
  })

  it('anything else past a cap is cut by report mode before it is written', async () => {
    const report = await diffArchives(
      release('1.0', { 'demo/a.txt': 'a\n' }),
      release('1.1', { 'demo/a.txt': 'b\n' })
    )
    const long = `${'é'.repeat(5000)}🔴`.repeat(2)
    const first = report.diffs[0]
    if (!first) throw new Error('no diff')
    const run: RunReport = {
      schemaVersion: 1,
      risk: report.risk,
      packages: [
        {
          ...report,
          current: { ...report.current, version: long },
          findings: [
            ...report.findings,
            { rule: 'file-added', severity: 'info', message: long.repeat(3) }
          ],
          diffs: [{ ...first, note: long }]
        }
      ]
    }
    const json = renderRun(run, 'json')
    expect(() => parseRunReport(json, 'test')).toThrow(/must NOT have more than 300 characters/)
    const read = parseRunReport(renderRun(fitToSchema(run), 'json'), 'test')
    const pkg = read.packages[0]
    expect(pkg?.current.version).toBe(`${long.slice(0, 299)}…`)
    expect(pkg?.diffs[0]?.note).toHaveLength(2000)
    expect(pkg?.findings.at(-1)?.message.endsWith('…')).toBe(true)
  })

  it('null where the types have none is absence, not a value that reaches the renderers', async () => {
    const report = await diffArchives(
      release('1.0', { 'demo/a.txt': 'a\n' }),
      release('1.1', { 'demo/a.txt': 'b\n' })
    )
    const run = JSON.parse(
      renderRun({ schemaVersion: 1, risk: report.risk, packages: [report] }, 'json')
    )
    run.packages[0].diffs[0].oldPath = null
    run.packages[0].files.renamed = [{ from: 'a', to: 'b', similarity: null }]
    const read = parseRunReport(JSON.stringify(run), 'test')
    expect(read.packages[0]?.diffs[0]).not.toHaveProperty('oldPath')
    expect(read.packages[0]?.files.renamed).toEqual([{ from: 'a', to: 'b' }])
    expect(read.packages[0]?.previous).not.toBeNull()
  })
})
