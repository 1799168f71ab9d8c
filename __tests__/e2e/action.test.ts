import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { runAction } from '../helpers/runner.js'
import { SEED_RC2, SEED_RC3, buildSdist, tempDir } from '../helpers/sdist.js'

describe('the bundled action, run as the runner runs it', () => {
  it('sets outputs, writes the JSON report and the job summary', async () => {
    const result = await runAction({
      with: { previous: SEED_RC2, current: SEED_RC3, 'fail-on': 'none' }
    })
    expect(result.stdout).not.toContain('::error::')
    expect(result.code).toBe(0)
    expect(result.outputs['findings-count']).toMatch(/^\d+$/)
    const report = JSON.parse(readFileSync(result.outputs['report-path'] ?? '', 'utf8'))
    expect(report.risk).toBe(result.outputs.risk)
    expect(report.packages[0].files.modified).toContain('setup.py')
    expect(result.summary).toMatch(/^### .* sdist-diff: risk/)
  })

  it('fails the step with a one-line reason when the risk reaches fail-on', async () => {
    const before = buildSdist(tempDir(), { files: {} })
    const after = buildSdist(tempDir(), { version: '1.1', files: { '.env': 'SECRET=1' } })
    const result = await runAction({ with: { previous: before, current: after } })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('::error::sdist-diff: risk high reaches fail-on high')
    expect(result.outputs.risk).toBe('high')
    expect(result.summary).toContain('sensitive-file-added')
  })

  it('fails with a message naming the input or the file when input is bad', async () => {
    const missing = await runAction({ with: { previous: '/nowhere/a.tar.gz', current: SEED_RC3 } })
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain('::error::previous: /nowhere/a.tar.gz does not exist')
    const bad = await runAction({
      with: { previous: SEED_RC2, current: SEED_RC3, 'fail-on': 'severe' }
    })
    expect(bad.stdout).toContain('::error::Input "fail-on" must be one of')
    const mode = await runAction({
      with: { previous: SEED_RC2, current: SEED_RC3, comment: 'sometimes' }
    })
    expect(mode.stdout).toContain(
      '::error::Input "comment" must be one of always, on-change, on-risk, never'
    )
    const flag = await runAction({
      with: { previous: SEED_RC2, current: SEED_RC3, summary: 'yes' }
    })
    expect(flag.code).toBe(1)
    expect(flag.stdout).toContain(
      '::error::Input does not meet YAML 1.2 "Core Schema" specification: summary'
    )
  })
})
