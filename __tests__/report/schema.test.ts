import { describe, expect, it } from '@jest/globals'
import { diffSdistFiles } from '../../src/pipeline/index.js'
import { renderComment } from '../../src/render/comment.js'
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
    const report = await diffSdistFiles(
      release('1.0', { 'demo/logo.bin': Buffer.from([0, 1, 2, 3]), 'demo/a.txt': 'a\nb\n' }),
      release('1.1', { 'demo/logo.bin': Buffer.from([0, 1, 2, 4]), 'demo/a.txt': 'a\r\nb\r\n' })
    )
    expect(report.diffs.map(d => d.kind)).toContain('binary')
    const run: RunReport = { schemaVersion: 1, risk: report.risk, packages: [report] }
    const read = parseRunReport(renderRun(run, 'json'), 'test')
    expect(read.packages[0]?.diffs).toEqual(report.diffs)
    const options = { key: 'demo', unexpected: '', fullReportHint: 'hint' }
    expect(renderComment(read, options)).toBe(renderComment(run, options))
  })
})
