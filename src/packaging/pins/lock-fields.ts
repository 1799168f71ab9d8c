import { parse, TomlError } from 'smol-toml'
import type { FileReading, LockedFile } from './types.js'

export type Table = Record<string, unknown>

/** The document, or undefined with a problem naming the line where the TOML is broken. */
export function parseToml(file: string, text: string, reading: FileReading): Table | undefined {
  try {
    return parse(text) as Table
  } catch (error) {
    if (!(error instanceof TomlError)) throw error
    const message = error.message.split('\n')[0] ?? 'invalid TOML'
    reading.problems.push(`${file}:${error.line}: ${message}`)
    reading.broken = true
    return undefined
  }
}

/** The document, or undefined with a problem: JSON.parse's message names the position. */
export function parseJson(file: string, text: string, reading: FileReading): Table | undefined {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    reading.problems.push(`${file}: invalid JSON: ${(error as Error).message}`)
    reading.broken = true
    return undefined
  }
  if (isTable(document)) return document
  reading.problems.push(`${file}: not a JSON object`)
  reading.broken = true
  return undefined
}

export function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined

/** The tables of an array (`[[package]]`), each with its index; anything else in it is dropped. */
export function tablesOf(value: unknown): Table[] {
  return Array.isArray(value) ? value.filter(isTable) : []
}

/**
 * A lock's list of packages: `[[key]]`, or a problem when the key holds something else. A lock with
 * no packages at all is valid (a project with no dependencies).
 */
export function packageTables(
  file: string,
  document: Table,
  key: string,
  reading: FileReading
): Table[] {
  const value = document[key]
  if (value === undefined) return []
  if (!Array.isArray(value) || !value.every(isTable)) {
    reading.problems.push(`${file}: "${key}" is not an array of tables`)
    reading.broken = true
    return []
  }
  return value
}

/** `sha256:…` as uv, poetry, pdm and pipenv write a hash; undefined for another algorithm. */
export function prefixedSha256(hash: unknown): string | undefined {
  const match = /^sha256:([0-9a-f]{64})$/i.exec(text(hash) ?? '')
  return match?.[1]?.toLowerCase()
}

/** The file a URL or path names: its last segment, percent-decoded (`…/six-1.16.0.tar.gz`). */
export function fileNameOf(location: string | undefined): string | undefined {
  if (!location) return undefined
  const path = location.replace(/[?#].*$/, '').replace(/\/+$/, '')
  const last = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
  try {
    return decodeURIComponent(last) || undefined
  } catch {
    return last || undefined
  }
}

/**
 * A locked file from a `hash = "sha256:…"` entry, the name taken from `file`, or else the URL's or
 * path's last segment; a hash that is no sha256 is a problem of the package `where` names.
 */
export function lockedFile(
  entry: Table,
  where: string,
  reading: FileReading
): LockedFile | undefined {
  const hash = entry.hash
  if (hash === undefined) return undefined
  const sha256 = prefixedSha256(hash)
  if (sha256 === undefined) {
    if (!/^(?:sha384|sha512|md5|sha1|sha224|blake2b):/i.test(text(hash) ?? ''))
      reading.problems.push(`${where}: hash ${JSON.stringify(hash)} is not sha256:<64 hex digits>`)
    return undefined
  }
  const filename = text(entry.file) ?? fileNameOf(text(entry.url) ?? text(entry.path))
  return filename === undefined ? { sha256 } : { filename, sha256 }
}

/** The sha256 hashes of a package's file tables (uv, poetry and pdm write them alike). */
export function lockedFiles(entries: Table[], where: string, reading: FileReading): LockedFile[] {
  return entries
    .map(entry => lockedFile(entry, where, reading))
    .filter((hash): hash is LockedFile => hash !== undefined)
}

/** `name` and `version` of a package table, or a problem saying which is missing. */
export function nameAndVersion(
  package_: Table,
  where: string,
  reading: FileReading
): { name: string; version?: string } | undefined {
  const name = text(package_.name)
  if (!name) {
    reading.problems.push(`${where}: no name`)
    return undefined
  }
  const version = package_.version
  if (version !== undefined && typeof version !== 'string') {
    reading.problems.push(`${where} (${name}): version is not a string`)
    return undefined
  }
  return { name, ...(version !== undefined && { version }) }
}
