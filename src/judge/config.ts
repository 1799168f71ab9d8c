import { readFile } from 'node:fs/promises'
import type { Acceptance } from './acceptance.js'
import { DEFAULT_JUDGE_CONFIG, type JudgeConfig } from './judge.js'
import { RULES } from './registry.js'
import { SEVERITIES, type Severity } from '../report/severity.js'

export const DEFAULT_CONFIG_PATH = '.github/sdist-diff.yml'

export class ConfigError extends Error {
  constructor(path: string, problem: string) {
    super(`config ${path}: ${problem}`)
    this.name = 'ConfigError'
  }
}

/**
 * Reads the YAML config. A missing file is an error only when it was asked for by name; the default path
 * may be absent.
 */
export async function loadConfig(path: string, explicit: boolean): Promise<JudgeConfig> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !explicit) return DEFAULT_JUDGE_CONFIG
    throw new ConfigError(path, `cannot be read (${code ?? String(error)})`)
  }
  return await parseConfig(text, path)
}

export async function parseConfig(text: string, path = DEFAULT_CONFIG_PATH): Promise<JudgeConfig> {
  // The YAML parser is loaded only when there is a config file to read.
  const { parse } = await import('yaml')
  let document: unknown
  try {
    document = parse(text)
  } catch (error) {
    throw new ConfigError(path, `is not valid YAML (${(error as Error).message.split('\n')[0]})`)
  }
  if (document === null || document === undefined) return DEFAULT_JUDGE_CONFIG
  if (!isRecord(document))
    throw new ConfigError(path, 'must be a mapping with "rules", "ignore-paths" and "accept"')
  const unknown = Object.keys(document).filter(
    key => key !== 'rules' && key !== 'ignore-paths' && key !== 'accept'
  )
  if (unknown.length) {
    throw new ConfigError(
      path,
      `unknown key "${unknown[0]}" (allowed: rules, ignore-paths, accept)`
    )
  }
  return {
    rules: parseRules(document.rules, path),
    ignorePaths: parseIgnorePaths(document['ignore-paths'], path),
    accept: parseAccept(document.accept, path)
  }
}

/** `accept: [{rule, match?, reason}]`: every entry names a known rule and says why. */
function parseAccept(value: unknown, path: string): Acceptance[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value))
    throw new ConfigError(path, '"accept" must be a list of {rule, match, reason}')
  const known = RULES.map(rule => rule.id)
  return value.map((entry, index) => {
    const where = `accept[${index}]`
    if (!isRecord(entry))
      throw new ConfigError(path, `${where} must be a mapping with rule and reason`)
    const extra = Object.keys(entry).filter(k => !['rule', 'match', 'reason'].includes(k))
    if (extra.length)
      throw new ConfigError(
        path,
        `${where}: unknown key "${extra[0]}" (allowed: rule, match, reason)`
      )
    const { rule, match, reason } = entry
    if (typeof rule !== 'string' || !known.includes(rule))
      throw new ConfigError(path, `${where}.rule must be a known rule id; got "${String(rule)}"`)
    if (typeof reason !== 'string' || reason.trim() === '')
      throw new ConfigError(path, `${where}.reason must say why the change is intended`)
    if (match !== undefined && (typeof match !== 'string' || match === ''))
      throw new ConfigError(
        path,
        `${where}.match must be a non-empty string (a message substring or a path glob)`
      )
    return { rule, reason: reason.trim(), ...(match !== undefined && { match }) }
  })
}

function parseRules(value: unknown, path: string): Record<string, Severity | 'off'> {
  if (value === undefined || value === null) return {}
  if (!isRecord(value))
    throw new ConfigError(path, '"rules" must map rule ids to a severity or off')
  const known = RULES.map(rule => rule.id)
  const rules: Record<string, Severity | 'off'> = {}
  for (const [id, setting] of Object.entries(value)) {
    if (!known.includes(id)) {
      throw new ConfigError(
        path,
        `unknown rule "${id}" under "rules" (known rules: ${known.join(', ')})`
      )
    }
    const normalized = setting === false ? 'off' : String(setting).trim().toLowerCase()
    if (normalized !== 'off' && !(SEVERITIES as readonly string[]).includes(normalized)) {
      throw new ConfigError(
        path,
        `rules.${id} must be one of ${SEVERITIES.join(', ')}, off; got "${String(setting)}"`
      )
    }
    rules[id] = normalized as Severity | 'off'
  }
  return rules
}

function parseIgnorePaths(value: unknown, path: string): string[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every(v => typeof v === 'string' && v.trim() !== '')) {
    throw new ConfigError(path, '"ignore-paths" must be a list of glob strings')
  }
  return value.map(v => v.trim())
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
