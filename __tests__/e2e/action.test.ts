import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ACTION, runNode } from '../helpers/run-dist.js'
import { SEED_RC2, SEED_RC3, buildSdist, tempDir } from '../helpers/sdist.js'

/** The environment the Actions runner gives a step: INPUT_* variables and the command files. */
function runnerEnv(inputs: Record<string, string>) {
  const dir = tempDir('runner-')
  const files = {
    output: join(dir, 'output'),
    summary: join(dir, 'summary'),
    temp: join(dir, 'temp')
  }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: dir,
    'INPUT_FAIL-ON': 'high',
    INPUT_SUMMARY: 'true'
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return { env, files }
}

/** Parses the GITHUB_OUTPUT file's `name<<delimiter` blocks. */
function readOutputs(path: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm
  for (const match of readFileSync(path, 'utf8').matchAll(pattern))
    outputs[match[1] ?? ''] = match[3] ?? ''
  return outputs
}

describe('the bundled action, run as the runner runs it', () => {
  it('sets outputs, writes the JSON report and the job summary', async () => {
    const { env, files } = runnerEnv({ previous: SEED_RC2, current: SEED_RC3, 'fail-on': 'none' })
    const result = await runNode(ACTION, [], env)
    expect(result.stdout).not.toContain('::error::')
    expect(result.code).toBe(0)
    const outputs = readOutputs(files.output)
    expect(outputs['findings-count']).toMatch(/^\d+$/)
    const report = JSON.parse(readFileSync(outputs['report-path'] ?? '', 'utf8'))
    expect(report.risk).toBe(outputs.risk)
    expect(report.packages[0].files.modified).toContain('setup.py')
    expect(readFileSync(files.summary, 'utf8')).toMatch(/^### .* sdist-diff: risk/)
  })

  it('fails the step with a one-line reason when the risk reaches fail-on', async () => {
    const before = buildSdist(tempDir(), { files: {} })
    const after = buildSdist(tempDir(), { files: { '.env': 'SECRET=1' } })
    const { env, files } = runnerEnv({ previous: before, current: after })
    const result = await runNode(ACTION, [], env)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('::error::sdist-diff: risk high reaches fail-on high')
    expect(readOutputs(files.output).risk).toBe('high')
    expect(readFileSync(files.summary, 'utf8')).toContain('sensitive-file-added')
  })

  it('fails with a message naming the input or the file when input is bad', async () => {
    const missing = await runNode(
      ACTION,
      [],
      runnerEnv({ previous: '/nowhere/a.tar.gz', current: SEED_RC3 }).env
    )
    expect(missing.code).toBe(1)
    expect(missing.stdout).toContain('::error::previous: /nowhere/a.tar.gz does not exist')
    const bad = runnerEnv({ previous: SEED_RC2, current: SEED_RC3, 'fail-on': 'severe' })
    expect((await runNode(ACTION, [], bad.env)).stdout).toContain(
      '::error::Input "fail-on" must be one of'
    )
  })
})
