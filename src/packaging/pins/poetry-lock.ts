import { normalizeName } from '../names.js'
import {
  isTable,
  lockedFiles,
  nameAndVersion,
  packageTables,
  parseToml,
  tablesOf,
  text,
  type Table
} from './lock-fields.js'
import { emptyReading, type FileReading } from './types.js'

const NOT_AN_INDEX = new Map([
  ['git', 'url'],
  ['url', 'url'],
  ['file', 'local'],
  ['directory', 'local']
] as const)

/**
 * poetry.lock: `[[package]]` name, version, `files = [{file, hash}]` (lock-version 2.x, Poetry 1.5
 * on), or the files under `[metadata.files]` by package name (lock-version 1.x). A `[package.source]`
 * of type git, url, file or directory is no index release and is skipped; `legacy` (a custom index)
 * is read like PyPI.
 */
export function readPoetryLock(file: string, source: string): FileReading {
  const reading = emptyReading()
  const document = parseToml(file, source, reading)
  if (!document) return reading
  const legacyFiles = legacyFilesByName(document)
  packageTables(file, document, 'package', reading).forEach((package_, index) => {
    const where = `${file}: [[package]] ${index + 1}`
    const found = nameAndVersion(package_, where, reading)
    if (!found) return
    const { name, version } = found
    const kind = isTable(package_.source) ? text(package_.source.type) : undefined
    const notAnIndex = kind === undefined ? undefined : NOT_AN_INDEX.get(kind as 'git')
    if (notAnIndex || version === undefined) {
      reading.skipped.push({ file, text: name, reason: notAnIndex ?? 'no-version' })
      return
    }
    const entries = package_.files ?? legacyFiles.get(normalizeName(name))
    const hashes = lockedFiles(tablesOf(entries), `${where} (${name})`, reading)
    reading.pins.push({ name, version, hashes, file })
  })
  return reading
}

function legacyFilesByName(document: Table): Map<string, unknown> {
  const files = isTable(document.metadata) ? document.metadata.files : undefined
  if (!isTable(files)) return new Map()
  return new Map(Object.entries(files).map(([name, entries]) => [normalizeName(name), entries]))
}
