import type { DeclaredEncoding } from './python-source.js'

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other'

/** One archive member, its path relative to the sdist's root folder. */
export interface Entry {
  path: string
  type: EntryType
  mode: number
  size: number
  /** SHA-256 of the content; for links, of the link target. */
  sha256: string
  linkTarget?: string
  /** git's blob id of the content (read with `gitBlobIds`), to compare with the repository. */
  gitBlob?: string
  /**
   * Raw content of small files (at most the text cap), kept only while a report may need it: see
   * TextRetention. Read it as text with entryText(), or with scanText() when it holds NUL bytes.
   */
  content?: Buffer
  /**
   * Raw content of a file past the text cap, up to the scan cap: never diffed, kept for the content
   * checks (secrets, code), which take it and drop it.
   */
  scanContent?: Buffer
  /** For the previous side of a pair, a Python file's mentions of behaviours (see pythonMentions). */
  mentions?: string[]
  /** `content` decoded, which entryText() puts in its place on first use. */
  text?: string
  /**
   * A Python file's PEP 263 cookie when it names an encoding other than UTF-8, ASCII or Latin-1: set by
   * entryText(), which decodes the file as Python does.
   */
  declaredEncoding?: DeclaredEncoding
  /** True when the content holds NUL bytes. */
  binary: boolean
  /** The raw tar type for `other` entries (CharacterDevice, FIFO, …). */
  tarType?: string
}

/** An entry the reader refused or flagged; refused entries are not in `entries`. */
export interface UnsafeEntry {
  path: string
  reason: string
}

/**
 * A read archive: an sdist, or a wheel (`wheel` set), whose entries are compared the same way. A wheel
 * has no root folder: its paths are the install paths.
 */
export interface Archive {
  kind: 'sdist' | 'wheel'
  /** The archive's path as given. */
  file: string
  sha256: string
  /** The top folder of the archive, e.g. `name-1.0`; empty for a wheel. */
  root: string
  entries: Map<string, Entry>
  unsafe: UnsafeEntry[]
  wheel?: WheelFacts
}

/** What a wheel says about itself in `*.dist-info/WHEEL` and `RECORD`, read with its files. */
export interface WheelFacts {
  /** `name-1.0.dist-info` */
  distInfo: string
  /** Tags from the WHEEL file (`Tag:` lines), expanded: `py3-none-any`. */
  tags: string[]
  rootIsPurelib?: boolean
  /** Files whose bytes contradict RECORD, and RECORD lines without their file. */
  recordProblems: RecordProblem[]
}

export interface RecordProblem {
  path: string
  problem: string
}

/** Where an archive's core metadata is: `PKG-INFO` in an sdist, `*.dist-info/METADATA` in a wheel. */
export function metadataPath(archive: Pick<Archive, 'wheel'>): string {
  return archive.wheel ? `${archive.wheel.distInfo}/METADATA` : 'PKG-INFO'
}

/** An error in one input archive; the message names the file and the problem. */
export class ArchiveError extends Error {
  constructor(
    readonly file: string,
    problem: string
  ) {
    super(`${file}: ${problem}`)
    this.name = 'ArchiveError'
  }
}
