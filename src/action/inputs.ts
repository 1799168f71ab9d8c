import * as core from '@actions/core'
import { DEFAULT_CONFIG_PATH } from '../config/load-config.js'
import { COMMENT_MODES, type Policy } from '../decide/decide.js'
import { credentialForms, withoutCredentials } from '../acquire/credentials.js'
import { parseRisk } from '../judge/severity.js'
import { SOURCE_CHECK_MODES, type SourceCheckMode } from '../pipeline/source-check.js'

export const MODES = ['all', 'report', 'publish'] as const
export type Mode = (typeof MODES)[number]

export const COMPARE_KINDS = ['release', 'dependencies'] as const
export type CompareKind = (typeof COMPARE_KINDS)[number]

/** Every input, typed; the decision policy's fields are named as `decide` reads them. */
export interface Inputs extends Policy {
  mode: Mode
  /** What is judged: this release, or the dependency pins a pull request changes. */
  compare: CompareKind
  /** compare: dependencies: globs of the dependency files, replacing the detection. */
  dependencyFiles: string[]
  /** mode: publish: the JSON report to post. */
  report?: string
  current: string[]
  /** Names or globs selecting which current sdists this job compares (matrix sharding). */
  packages: string[]
  previous?: string
  indexUrl?: string
  buildCommand?: string
  workingDirectory: string
  sourceCheck: SourceCheckMode
  summary: boolean
  config: string
  configExplicit: boolean
  githubToken?: string
  commentKey?: string
  prNumber?: number
}

/** An input that may be left empty: undefined when it is. */
function optional(name: string): string | undefined {
  const value = core.getInput(name)
  return value === '' ? undefined : value
}

function oneOf<T extends string>(name: string, allowed: readonly T[]): T {
  const value = core.getInput(name).toLowerCase()
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`Input "${name}" must be one of ${allowed.join(', ')}; got "${value}"`)
  }
  return value as T
}

function positiveInteger(name: string): number | undefined {
  const value = optional(name)
  if (value === undefined) return undefined
  if (!/^[1-9]\d*$/.test(value))
    throw new Error(`Input "${name}" must be a pull request number; got "${value}"`)
  return Number(value)
}

/** Reads every input once, at the edge, into one typed object; messages name the input. */
export function readInputs(): Inputs {
  const config = core.getInput('config', { required: true })
  const indexUrl = optional('index-url')
  for (const form of credentialForms(indexUrl ?? '')) core.setSecret(form)
  if (indexUrl && !/^https?:\/\//i.test(indexUrl)) {
    throw new Error(
      `Input "index-url" must be an http(s) URL of a PEP 503 simple index; got "${withoutCredentials(indexUrl)}"`
    )
  }
  const prNumber = positiveInteger('pr-number')
  const githubToken = optional('github-token')
  const commentKey = optional('comment-key')
  const mode = oneOf('mode', MODES)
  const report = optional('report')
  if (mode === 'publish' && !report)
    throw new Error('Input "report" must name the JSON report to publish when mode is publish')
  return {
    mode,
    compare: oneOf('compare', COMPARE_KINDS),
    dependencyFiles: core.getMultilineInput('dependency-files').filter(Boolean),
    ...withValue('report', report),
    current: core.getMultilineInput('current').filter(Boolean),
    packages: core
      .getMultilineInput('packages')
      .flatMap(line => line.split(','))
      .map(item => item.trim())
      .filter(Boolean),
    ...withValue('previous', optional('previous')),
    ...withValue('indexUrl', indexUrl),
    ...withValue('buildCommand', optional('build-command')),
    workingDirectory: core.getInput('working-directory', { required: true }),
    sourceCheck: oneOf('source-check', SOURCE_CHECK_MODES),
    failOn: parseRisk(core.getInput('fail-on'), 'Input "fail-on"'),
    summary: core.getBooleanInput('summary'),
    config,
    // The default path may be absent; any other must exist.
    configExplicit: config !== DEFAULT_CONFIG_PATH,
    comment: oneOf('comment', COMMENT_MODES),
    ...withValue('githubToken', githubToken),
    ...withValue('commentKey', commentKey),
    ...(prNumber !== undefined && { prNumber }),
    expectedFileChanges: core.getInput('expected-file-changes'),
    failOnUnexpectedFiles: core.getBooleanInput('fail-on-unexpected-files')
  }
}

function withValue<K extends string>(
  key: K,
  value: string | undefined
): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>)
}
