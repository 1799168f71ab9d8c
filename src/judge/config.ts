import { open } from 'node:fs/promises'
import type { Acceptance } from './acceptance.js'
import { DEFAULT_JUDGE_CONFIG, type JudgeConfig } from './judge.js'
import { RULES } from './registry.js'
import { SEVERITIES, type Severity } from './severity.js'

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
  let text: string | undefined
  try {
    text = await readCapped(path, MAX_CONFIG_BYTES)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !explicit) return DEFAULT_JUDGE_CONFIG
    throw new ConfigError(path, `cannot be read (${code ?? String(error)})`)
  }
  if (text === undefined)
    throw new ConfigError(
      path,
      `is larger than ${MAX_CONFIG_BYTES >> 20} MiB; a config file holds rules, ignore-paths and accept entries, far less than that`
    )
  return await parseConfig(text, path)
}

/** A config is YAML, parsed whole: a huge one would run the parser out of memory, so it is capped. */
export const MAX_CONFIG_BYTES = 1 << 20

/** The file's text, or undefined when it holds more than `cap` bytes (read no further than that). */
async function readCapped(path: string, cap: number): Promise<string | undefined> {
  const handle = await open(path)
  try {
    const buffer = Buffer.alloc(cap + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return length > cap ? undefined : buffer.toString('utf8', 0, length)
  } finally {
    await handle.close()
  }
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
