import { normalizeName } from '../names.js'
import {
  isTable,
  lockedFiles,
  nameAndVersion,
  packageTables,
  parseToml,
  tablesOf,
  type Table
} from './lock-fields.js'
import { emptyReading, type FileReading } from './types.js'

/**
 * pdm.lock: `[[package]]` name, version, `files = [{file | url, hash}]` (lock_version 4.x), or the
 * files under `[metadata.files]` keyed `"name version"` (older PDM 2 locks, lock_version 4.2 among them). A package with `git`, `url`,
 * `path` or `editable` is no index release, and is skipped. The same release recurs once per extra
 * (`extras = [...]`); the diff counts it once.
 */
export function readPdmLock(file: string, source: string): FileReading {
  const reading = emptyReading()
  const document = parseToml(file, source, reading)
  if (!document) return reading
  const legacyFiles = legacyFilesByKey(document)
  packageTables(file, document, 'package', reading).forEach((package_, index) => {
    const where = `${file}: [[package]] ${index + 1}`
    const found = nameAndVersion(package_, where, reading)
    if (!found) return
    const { name, version } = found
    const elsewhere = 'git' in package_ || 'url' in package_
    if (elsewhere || 'path' in package_ || package_.editable === true || version === undefined) {
      const reason = elsewhere ? 'url' : version === undefined ? 'no-version' : 'local'
      reading.skipped.push({ file, text: name, reason })
      return
    }
    const entries = package_.files ?? legacyFiles.get(`${normalizeName(name)} ${version}`)
    const hashes = lockedFiles(tablesOf(entries), `${where} (${name})`, reading)
    reading.pins.push({ name, version, hashes, file })
  })
  return reading
}

function legacyFilesByKey(document: Table): Map<string, unknown> {
  const files = isTable(document.metadata) ? document.metadata.files : undefined
  if (!isTable(files)) return new Map()
  return new Map(
    Object.entries(files).map(([key, entries]) => {
      const [name = '', version = ''] = key.split(' ')
      return [`${normalizeName(name)} ${version}`, entries]
    })
  )
}
