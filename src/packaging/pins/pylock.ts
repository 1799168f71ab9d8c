import { normalizeName } from '../names.js'
import {
  fileNameOf,
  isTable,
  nameAndVersion,
  packageTables,
  parseToml,
  tablesOf,
  text,
  type Table
} from './lock-fields.js'
import { emptyReading, type FileReading, type LockedFile } from './types.js'

/** `pylock.toml` and `pylock.<name>.toml` (PEP 751). */
export const PYLOCK_NAME = /^pylock\.(?:[^./]+\.)?toml$/

/**
 * A PEP 751 lock: `[[packages]]` name, version, `sdist` and `wheels[]`, each with `name` (or a
 * `url`/`path` whose last segment names the file) and `hashes = { sha256 = "…" }`. A package from
 * `vcs`, `archive` (a URL or path of its own) or `directory` is no index release, and is skipped.
 */
export function readPylock(file: string, source: string): FileReading {
  const reading = emptyReading()
  const document = parseToml(file, source, reading)
  if (!document) return reading
  if (document['lock-version'] === undefined)
    reading.problems.push(`${file}: no lock-version (PEP 751 requires it)`)
  packageTables(file, document, 'packages', reading).forEach((package_, index) => {
    const where = `${file}: [[packages]] ${index + 1}`
    const found = nameAndVersion(package_, where, reading)
    if (!found) return
    const { name, version } = found
    if (!hasOneSource(package_)) {
      reading.problems.push(`${where} (${name}): ${ONE_SOURCE}`)
      return
    }
    if (normalizeName(name) !== name)
      reading.problems.push(`${where} (${name}): the name is not normalized (PEP 751)`)
    const elsewhere = 'vcs' in package_ || 'archive' in package_
    if (elsewhere || 'directory' in package_ || version === undefined) {
      const reason = elsewhere ? 'url' : 'directory' in package_ ? 'local' : 'no-version'
      reading.skipped.push({ file, text: name, reason })
      return
    }
    const artifacts = [package_.sdist, ...tablesOf(package_.wheels)].filter(isTable)
    const hashes = artifacts
      .map(artifact => artifactHash(artifact, `${where} (${name})`, reading))
      .filter((hash): hash is LockedFile => hash !== undefined)
    reading.pins.push({ name, version, hashes, file })
  })
  return reading
}

const ONE_SOURCE = 'not exactly one of vcs, directory, archive, or sdist and wheels (PEP 751)'

/** PEP 751: a package comes from one `vcs`, `directory` or `archive`, or from its sdist and wheels. */
function hasOneSource(package_: Table): boolean {
  const elsewhere = ['vcs', 'directory', 'archive'].filter(key => key in package_).length
  const files = 'sdist' in package_ || 'wheels' in package_
  return files ? elsewhere === 0 : elsewhere === 1
}

function artifactHash(
  artifact: Table,
  where: string,
  reading: FileReading
): LockedFile | undefined {
  if (artifact.url === undefined && artifact.path === undefined)
    reading.problems.push(`${where}: a file with neither url nor path (PEP 751 requires one)`)
  const hashes = artifact.hashes
  if (!isTable(hashes)) {
    reading.problems.push(`${where}: a file without hashes (PEP 751 requires them)`)
    return undefined
  }
  if (hashes.sha256 === undefined) return undefined
  const sha256 = text(hashes.sha256)
  if (!sha256 || !/^[0-9a-f]{64}$/i.test(sha256)) {
    reading.problems.push(`${where}: sha256 ${JSON.stringify(hashes.sha256)} is not 64 hex digits`)
    return undefined
  }
  const filename = text(artifact.name) ?? fileNameOf(text(artifact.url) ?? text(artifact.path))
  const digest = sha256.toLowerCase()
  return filename === undefined ? { sha256: digest } : { filename, sha256: digest }
}
