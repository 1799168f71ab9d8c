import { open } from 'node:fs/promises'
import { DEFAULT_JUDGE_CONFIG, type JudgeConfig } from '../judge/judge.js'
import type { Severity } from '../judge/severity.js'
import { configValidator, describeConfigError } from './config-schema.js'

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
  const validateConfig = await configValidator()
  if (!validateConfig(document))
    throw new ConfigError(path, describeConfigError(document, validateConfig.errors?.[0]))
  return {
    rules: Object.fromEntries(
      Object.entries(document.rules ?? {}).map(([id, setting]) => [id, severityOf(setting)])
    ),
    ignorePaths: (document['ignore-paths'] ?? []).map(glob => glob.trim()),
    accept: (document.accept ?? []).map(({ rule, match, reason }) => ({
      rule,
      reason: reason.trim(),
      ...(match !== undefined && { match })
    }))
  }
}

function severityOf(setting: string | false): Severity | 'off' {
  return setting === false ? 'off' : (setting.trim().toLowerCase() as Severity | 'off')
}
