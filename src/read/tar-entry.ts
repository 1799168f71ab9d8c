/** What the tar walk hands its visitor, and how it fails. */

export interface TarEntryHeader {
  path: string
  /** File, Directory, SymbolicLink, Link, CharacterDevice, BlockDevice, FIFO, ContiguousFile, … */
  type: string
  mode: number | undefined
  /** The entry's size as tarfile gives it (its bytes, for a file). */
  size: number
  linkpath: string | undefined
  /** Extension records that gave this entry's name, link or size twice, differently. */
  conflicts?: string[]
  /** Where tar readers disagree on this entry: what tarfile (pip) reads and what the others read. */
  disagreements?: string[]
}

/** Receives one entry's bytes (padding excluded), then its end. */
export interface TarBodySink {
  data(chunk: Buffer): void
  end(): void
}

export interface TarVisitor {
  /** A file-system entry; the returned sink gets its body. */
  entry(header: TarEntryHeader): TarBodySink
  /** An entry of a type nothing reads (sparse) or an oversized pax record. */
  ignored(header: TarEntryHeader): void
  /** Where tar readers disagree on the archive as a whole (where it ends, records for every entry). */
  archiveProblem(reason: string): void
}

export type TarProblem = 'not-tar' | 'empty' | 'truncated' | 'corrupt'

export class TarFormatError extends Error {
  constructor(
    readonly problem: TarProblem,
    message: string
  ) {
    super(message)
  }
}

/** A header declares more bytes than the archive may expand to: refused before they are inflated. */
export class DeclaredTooLarge extends Error {
  constructor(
    readonly path: string,
    readonly declared: number
  ) {
    super(`"${path}" declares ${declared} bytes`)
  }
}

export function refuseDeclared(path: string, end: number, maxBytes: number): void {
  if (end > maxBytes) throw new DeclaredTooLarge(path, end)
}
