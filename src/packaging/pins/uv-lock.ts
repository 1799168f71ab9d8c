import {
  isTable,
  lockedFiles,
  nameAndVersion,
  packageTables,
  parseToml,
  tablesOf
} from './lock-fields.js'
import { emptyReading, type FileReading, type SkipReason } from './types.js'

/**
 * uv.lock (`version = 1`, uv 0.4 on): `[[package]]` name, version, `source`, `sdist` and `wheels[]`
 * with `url` (or `path`) and `hash = "sha256:…"`. Only packages from an index (`source.registry`)
 * are pins; the project itself (editable, virtual) and git, URL and path sources are skipped.
 * A package locked at two versions (a fork by marker) gives two pins.
 */
export function readUvLock(file: string, text: string): FileReading {
  const reading = emptyReading()
  const document = parseToml(file, text, reading)
  if (!document) return reading
  packageTables(file, document, 'package', reading).forEach((package_, index) => {
    const where = `${file}: [[package]] ${index + 1}`
    const found = nameAndVersion(package_, where, reading)
    if (!found) return
    const { name, version } = found
    const registry = isTable(package_.source) ? package_.source.registry : undefined
    if (typeof registry === 'string') (reading.indexes ??= []).push({ where: file, url: registry })
    const notPinned = skipReason(package_.source, version)
    if (notPinned || version === undefined) {
      reading.skipped.push({ file, text: name, reason: notPinned ?? 'no-version' })
      return
    }
    const artifacts = [package_.sdist, ...tablesOf(package_.wheels)].filter(isTable)
    const hashes = lockedFiles(artifacts, `${where} (${name})`, reading)
    reading.pins.push({ name, version, hashes, file })
  })
  return reading
}

function skipReason(source: unknown, version: string | undefined): SkipReason | undefined {
  if (!isTable(source) || 'registry' in source)
    return version === undefined ? 'no-version' : undefined
  return 'git' in source || 'url' in source ? 'url' : 'local'
}
