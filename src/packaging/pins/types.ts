/** A file a lock records for a pin: its name where the lock says it, and its sha256 (lowercase hex). */
export interface LockedFile {
  filename?: string
  sha256: string
}

/** One exact pin (`==`/`===` in a requirements file, or a locked package of an index). */
export interface Pin {
  /** As the file spells it. */
  name: string
  /** As the file spells it. */
  version: string
  /** What the lock records for this pin ([] when none). */
  hashes: LockedFile[]
  /** The dependency file it came from (path relative to the repo root). */
  file: string
}

/** Why a requirement or locked package was read but is not a pin. */
export type SkipReason = 'unpinned' | 'url' | 'editable' | 'local' | 'no-version'

/** A requirement or package that pins nothing an index serves: counted, not compared. */
export interface Skipped {
  file: string
  /** 1-based line of a requirements file; undefined in a lock. */
  line?: number
  /** The requirement as written, or the locked package's name. */
  text: string
  reason: SkipReason
}

export interface PinSet {
  pins: Pin[]
  /** Every file read, includes too, in reading order. */
  files: string[]
  /** Clear messages (`file:line: what`); a bad user file gives problems, never a throw. */
  problems: string[]
  skipped: Skipped[]
  /** Files that could not be read at all (broken TOML or JSON): none of their pins is known. */
  broken: string[]
  /** The package indexes the files name (pip's `--index-url`, a uv.lock's registry), where they do. */
  indexes: IndexNamed[]
}

/** An index a dependency file tells its installer to use: `where` is `file:line` or `file`. */
export interface IndexNamed {
  where: string
  url: string
}

export interface PinChange {
  /** PEP 503 normalised. */
  name: string
  kind: 'upgraded' | 'downgraded' | 'added' | 'removed'
  previous?: Pin
  current?: Pin
}

/** What one file's reader found; includes are the requirements files it names (`-r`, `-c`). */
export interface FileReading {
  pins: Pin[]
  problems: string[]
  skipped: Skipped[]
  includes: Include[]
  /** The document could not be read at all: its problems say why. */
  broken?: true
  indexes?: IndexNamed[]
}

export interface Include {
  /** As written after `-r`/`-c`. */
  target: string
  line: number
}

export function emptyReading(): FileReading {
  return { pins: [], problems: [], skipped: [], includes: [] }
}
