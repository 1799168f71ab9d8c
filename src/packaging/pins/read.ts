import { posix } from 'node:path'
import { readPdmLock } from './pdm-lock.js'
import { readPipfileLock } from './pipfile-lock.js'
import { readPoetryLock } from './poetry-lock.js'
import { PYLOCK_NAME, readPylock } from './pylock.js'
import { readRequirementsTxt } from './requirements-txt.js'
import type { FileReading, Include, PinSet } from './types.js'
import { readUvLock } from './uv-lock.js'

type Reader = (file: string, text: string) => FileReading

const LOCK_READERS = new Map<string, Reader>([
  ['uv.lock', readUvLock],
  ['poetry.lock', readPoetryLock],
  ['pdm.lock', readPdmLock],
  ['Pipfile.lock', readPipfileLock]
])

/** The reader a file's name calls for: a lock's own, else the requirements-file format. */
function readerFor(file: string): Reader {
  const name = posix.basename(file)
  if (PYLOCK_NAME.test(name)) return readPylock
  return LOCK_READERS.get(name) ?? readRequirementsTxt
}

/**
 * Reads pins from the given files; `read(path)` returns the text or undefined when absent (an
 * absent file given here is skipped: a tree may lack a file the other has). Follows `-r`/`-c`
 * includes relative to the including file, read as requirements files, each file once; a cycle,
 * a missing include, or one outside the tree or at a URL is a problem, never a throw. `readings`
 * keeps what each file read as across calls on the same texts, so that a caller that loads the
 * includes round by round parses each file once.
 */
export function readPins(
  files: string[],
  read: (path: string) => string | undefined,
  readings: Map<string, FileReading> = new Map()
): PinSet {
  const set: PinSet = { pins: [], files: [], problems: [], skipped: [], broken: [], indexes: [] }
  /** `includedAt` names the include that led here: a missing file is then a problem. */
  const visit = (file: string, chain: string[], reader: Reader, includedAt?: string): void => {
    if (set.files.includes(file)) return
    const text = read(file)
    if (text === undefined) {
      if (includedAt) set.problems.push(`${includedAt}: no such file (${file})`)
      return
    }
    set.files.push(file)
    const key = `${reader.name}:${file}`
    const reading = readings.get(key) ?? reader(file, text)
    readings.set(key, reading)
    set.pins = set.pins.concat(reading.pins)
    set.problems = set.problems.concat(reading.problems)
    set.skipped = set.skipped.concat(reading.skipped)
    if (reading.broken) set.broken.push(file)
    set.indexes = set.indexes.concat(reading.indexes ?? [])
    for (const include of reading.includes) {
      const where = `${file}:${include.line}: ${include.target}`
      const target = resolveInclude(file, include, where, [...chain, file], set)
      if (target) visit(target, [...chain, file], readRequirementsTxt, where)
    }
  }
  for (const file of files) {
    const path = posix.normalize(file).replace(/^(?:\.\/)+/, '')
    visit(path, [], readerFor(path))
  }
  return set
}

/** The path an include names, or undefined with the problem that keeps it from being read. */
function resolveInclude(
  file: string,
  include: Include,
  where: string,
  chain: string[],
  set: PinSet
): string | undefined {
  if (/^[a-z][a-z0-9+.-]+:/i.test(include.target)) {
    set.problems.push(`${where}: an include at a URL is not read`)
    return undefined
  }
  const target = posix.normalize(posix.join(posix.dirname(file), include.target))
  if (posix.isAbsolute(include.target) || target === '..' || target.startsWith('../')) {
    set.problems.push(`${where}: outside the repository, not read`)
    return undefined
  }
  if (chain.includes(target)) {
    set.problems.push(`${where}: a cycle (${[...chain, target].join(' → ')}), not read again`)
    return undefined
  }
  return target
}
