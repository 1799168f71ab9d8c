import { markAccepted } from './acceptance.js'
import type { Finding } from './finding.js'
import type { JudgeConfig } from './judge.js'
import type { Severity } from './severity.js'

/** A file the lock records for a pin: by name when the format names it (uv, poetry, pylock, pdm). */
export interface LockedHash {
  filename?: string
  sha256: string
}

/** A file the index serves for the pinned version. */
export interface ServedFile {
  filename: string
  sha256?: string
}

interface PinRule {
  id: string
  defaultSeverity: Severity
  description: string
}

export const lockHashMismatch: PinRule = {
  id: 'lock-hash-mismatch',
  defaultSeverity: 'high',
  description:
    "A dependency file records a file's hash and the index serves that file with another: the file was replaced, or the lock points at another index."
}

export const dependencyNotJudged: PinRule = {
  id: 'dependency-not-judged',
  defaultSeverity: 'medium',
  description:
    'A dependency whose pin changed could not be compared (not on the index, no files of that version, a download failed): nobody looked at what it changes.'
}

export const PIN_RULES: readonly PinRule[] = [lockHashMismatch, dependencyNotJudged]

/**
 * The lock's hashes against what the index serves: a named file must have the recorded hash, and at
 * least one named file must be one the index serves (by name or hash); hashes
 * recorded without names (pip's `--hash`, Pipfile.lock) must match at least one served file, as pip's
 * hash-checking mode requires. Files the index lists without a sha256 cannot be checked.
 */
export function lockHashFindings(
  pin: { name: string; version: string; file: string },
  locked: LockedHash[],
  served: ServedFile[]
): { message: string }[] {
  const checkable = served.filter(file => file.sha256)
  if (!locked.length || !checkable.length) return []
  const byName = new Map(checkable.map(file => [file.filename, file.sha256]))
  const named = locked.filter(hash => hash.filename !== undefined)
  const replaced = named.filter(
    hash => byName.has(hash.filename ?? '') && byName.get(hash.filename ?? '') !== hash.sha256
  )
  const found = replaced.map(hash => ({
    message: `${pin.file} records ${hash.filename} with sha256 ${short(hash.sha256)}, the index serves it with ${short(byName.get(hash.filename ?? '') ?? '')}: the file was replaced, or the lock is of another index`
  }))
  const served256 = new Set(checkable.map(file => file.sha256))
  // uv and pdm install the files at the lock's own URLs: a lock none of whose files the index serves
  // installs something this review never saw.
  const elsewhere = named.filter(
    hash => !byName.has(hash.filename ?? '') && !served256.has(hash.sha256)
  )
  if (named.length && elsewhere.length === named.length)
    found.push({
      message: `${pin.file} records ${named.length} file(s) of ${pin.name}==${pin.version} and the index serves none of them (${elsewhere[0]?.filename}${named.length > 1 ? ', …' : ''}): the lock is of another index, or its files were replaced`
    })
  const anonymous = locked.filter(hash => hash.filename === undefined)
  if (anonymous.length && !anonymous.some(hash => served256.has(hash.sha256)))
    found.push({
      message: `${pin.file} pins ${pin.name}==${pin.version} with ${anonymous.length} hash(es), and none of the ${checkable.length} file(s) the index serves for it has one of them: pip's hash checking would refuse every one`
    })
  return found
}

/** A pin rule's hits as findings: the config's severity (or `off`) and acceptances apply as to any rule. */
export function pinFindings(
  rule: PinRule,
  hits: { message: string; path?: string }[],
  config: JudgeConfig
): Finding[] {
  const severity = config.rules[rule.id] ?? rule.defaultSeverity
  if (severity === 'off') return []
  return markAccepted(
    hits.map(hit => ({ rule: rule.id, severity, ...hit })),
    config.accept ?? []
  )
}

const short = (sha256: string) => `${sha256.slice(0, 12)}…`
