import { describe, expect, it } from '@jest/globals'
import { diffArchives } from '../../src/pipeline/index.js'
import { COMMENT_LIMIT, defaultCommentKey, renderComment } from '../../src/render/comment.js'
import type { RunReport } from '../../src/report/types.js'
import { SEED_RC2, SEED_RC3 } from '../helpers/sdist.js'

/** The seed pair's report, once per package name. */
async function release(names: string[]): Promise<RunReport> {
  const report = await diffArchives(SEED_RC2, SEED_RC3)
  return {
    schemaVersion: 1,
    risk: report.risk,
    packages: names.map(name => ({ ...report, current: { ...report.current, name } }))
  }
}

const render = (run: RunReport) =>
  renderComment(run, { key: defaultCommentKey(run), fullReportHint: 'hint' })

describe('the comment key', () => {
  it('is bounded when many long package names make it long, and the comment fits', async () => {
    const names = Array.from({ length: 2000 }, (_, i) => `package-${i}-${'x'.repeat(40)}`)
    const run = await release(names)
    expect(defaultCommentKey(run).length).toBeGreaterThan(90_000)
    const body = render(run)
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    const marker = body.split('\n')[0] ?? ''
    expect(marker).toMatch(
      /^<!-- sdist-diff:comment key=package-0-x+,[\w.,-]+~sha256:[0-9a-f]{64} -->$/
    )
    expect(marker.length).toBeLessThan(200)
    // The same packages find the same comment; another set finds its own.
    expect(render(await release([...names].reverse())).split('\n')[0]).toBe(marker)
    expect(render(await release(names.slice(1))).split('\n')[0]).not.toBe(marker)
  })

  it('stays as it was for an ordinary release', async () => {
    const body = render(await release(['backend.ai-kernel-helper']))
    expect(body.split('\n')[0]).toBe('<!-- sdist-diff:comment key=backend-ai-kernel-helper -->')
  })
})
