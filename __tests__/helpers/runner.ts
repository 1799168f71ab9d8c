// Runs the bundled action the way the Actions runner does: INPUT_* from action.yml's defaults and the
// step's `with:`, the event file, and the command files for outputs and the job summary.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO, type RunResult } from './run-dist.js'
import { runActionEntry } from './target.js'
import { SEED_RC2, SEED_RC3, tempDir } from './sdist.js'

export const TOKEN = 'ghs_test_token_0123456789abcdef'

interface ActionYaml {
  inputs: Record<string, { default?: string }>
}

const actionYaml = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as ActionYaml

export interface RunnerOptions {
  with?: Record<string, string>
  event?: { name: string; payload: object }
  apiUrl?: string
  env?: NodeJS.ProcessEnv
  cwd?: string
}

export interface ActionRun extends RunResult {
  outputs: Record<string, string>
  summary: string
  /** The JSON report, parsed; undefined when the run wrote none. */
  report: any // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function runAction(options: RunnerOptions = {}): Promise<ActionRun> {
  const dir = tempDir('runner-')
  const files = {
    output: join(dir, 'output'),
    summary: join(dir, 'summary'),
    event: join(dir, 'event.json')
  }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  writeFileSync(files.event, JSON.stringify(options.event?.payload ?? {}))
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: options.event?.name ?? 'push',
    GITHUB_REPOSITORY: 'octo-org/demo',
    GITHUB_SHA: 'c0ffee0000000000000000000000000000000000',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    // Retries still happen, their backoff is short: tests of retries need not wait it out.
    SDIST_DIFF_RETRY_DELAY_MS: '10',
    ...options.env
  }
  const inputs: Record<string, string> = { comment: 'never', ...options.with }
  for (const [name, spec] of Object.entries(actionYaml.inputs)) {
    const value =
      inputs[name] ?? (spec.default === '${{ github.token }}' ? TOKEN : (spec.default ?? ''))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  const result = await runActionEntry(env, options.cwd)
  const outputs = readOutputs(files.output)
  const report = outputs['report-path']
    ? JSON.parse(readFileSync(outputs['report-path'], 'utf8'))
    : undefined
  return { ...result, outputs, summary: readFileSync(files.summary, 'utf8'), report }
}

/** Parses the GITHUB_OUTPUT file's `name<<delimiter` blocks. */
function readOutputs(path: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm
  for (const match of readFileSync(path, 'utf8').matchAll(pattern))
    outputs[match[1] ?? ''] = match[3] ?? ''
  return outputs
}

/** A `pull_request` event of pull request `number`. */
export const pullRequestEvent = (number: number) => ({
  name: 'pull_request',
  payload: { pull_request: { number } }
})

/** The seed pair with a comment always and no failure: the inputs the comment tests start from. */
export const SEED_COMMENTING = {
  previous: SEED_RC2,
  current: SEED_RC3,
  'fail-on': 'none',
  comment: 'always'
}
