import { isTable, parseJson, prefixedSha256, text } from './lock-fields.js'
import { pinnedVersion } from './requirements-txt.js'
import { emptyReading, type FileReading, type LockedFile } from './types.js'

/** The sections of a Pipfile.lock that hold packages: what `pipenv install` and `--dev` install. */
const SECTIONS = ['default', 'develop']

/**
 * Pipfile.lock (pipfile-spec 6): `default` and `develop`, each `{name: {version: "==x", hashes:
 * ["sha256:…"]}}`; the hashes name no file. Entries with `git`, `file`, `path` or `editable` are no
 * index release, and are skipped.
 */
export function readPipfileLock(file: string, source: string): FileReading {
  const reading = emptyReading()
  const document = parseJson(file, source, reading)
  if (!document) return reading
  for (const section of SECTIONS) {
    const packages = document[section]
    if (packages === undefined) continue
    if (!isTable(packages)) {
      reading.problems.push(`${file}: "${section}" is not an object`)
      reading.broken = true
      continue
    }
    for (const [name, entry] of Object.entries(packages))
      readEntry(file, `${file}: ${section}.${name}`, name, entry, reading)
  }
  return reading
}

function readEntry(
  file: string,
  where: string,
  name: string,
  entry: unknown,
  reading: FileReading
): void {
  if (!isTable(entry)) {
    reading.problems.push(`${where}: not an object`)
    return
  }
  if ('git' in entry || 'file' in entry) return void reading.skipped.push(skip('url'))
  if ('path' in entry || entry.editable === true) return void reading.skipped.push(skip('local'))
  const specifier = text(entry.version)
  const version = specifier === undefined ? undefined : pinnedVersion(specifier)
  if (version === undefined) {
    if (specifier !== undefined && specifier !== '*' && !/^[=<>!~]/.test(specifier))
      reading.problems.push(`${where}: version ${JSON.stringify(specifier)} is no specifier`)
    return void reading.skipped.push(skip(specifier === undefined ? 'no-version' : 'unpinned'))
  }
  const hashes: LockedFile[] = []
  for (const hash of Array.isArray(entry.hashes) ? entry.hashes : []) {
    const sha256 = prefixedSha256(hash)
    if (sha256 !== undefined) hashes.push({ sha256 })
    else if (!/^sha(?:384|512):/.test(text(hash) ?? ''))
      reading.problems.push(`${where}: hash ${JSON.stringify(hash)} is not sha256:<64 hex digits>`)
  }
  reading.pins.push({ name, version, hashes, file })

  function skip(reason: 'url' | 'local' | 'no-version' | 'unpinned') {
    return { file, text: name, reason }
  }
}
