import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { open } from 'node:fs/promises'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import {
  DeclaredTooLarge,
  TarFormatError,
  type TarBodySink,
  type TarEntryHeader,
  type TarVisitor
} from './tar-entry.js'
import { TarWalker } from './tar-walk.js'
import { firstSegment, hasControlCharacters, placeInRoot, resolveSymlink } from './entry-path.js'
import { dropText, TextRetention, type ContentKeeper } from './text-retention.js'
import { keeping, noteMentions } from './keeping.js'
import {
  ArchiveError,
  type Entry,
  type EntryType,
  type Archive,
  type UnsafeEntry
} from './types.js'

export interface ReadLimits {
  /** Refuse archives that expand past this many bytes (gzip bombs). */
  maxUnpackedBytes: number
  maxEntries: number
  /** Files up to this size are kept as text for diffing; larger ones are compared by hash. */
  textCapBytes: number
  /** Files past the text cap and up to this size are kept for the content checks (default 64 MiB). */
  scanCapBytes?: number
  /** Also hash each file as git does (`blob <size>\0…`), for the source check. */
  gitBlobIds?: boolean
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxUnpackedBytes: 2 * 1024 ** 3,
  maxEntries: 100_000,
  textCapBytes: 1024 ** 2
}

const TAR_TYPES: Record<string, EntryType> = {
  File: 'file',
  OldFile: 'file',
  ContiguousFile: 'file',
  Directory: 'dir',
  SymbolicLink: 'symlink',
  Link: 'hardlink'
}

/** Reads an sdist as a stream: nothing is extracted, links are recorded and never followed. */
export async function readArchive(
  file: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  retention?: { keeper: ContentKeeper; side: 0 | 1 },
  stop?: AbortSignal
): Promise<Archive> {
  if ((await sniffFormat(file)) === 'zip') {
    // The zip and RECORD readers load only for wheels.
    const { readWheel } = await import('./read-wheel.js')
    return readWheel(file, limits, retention)
  }
  const archiveHash = createHash('sha256')
  const collector = new EntryCollector(file, limits, retention)
  // A side far ahead of the other waits for it (see TextRetention.pace), so held text stays bounded.
  const walker = new TarWalker(
    collector,
    bytes => retention?.keeper.pace?.(retention.side, bytes),
    limits.maxUnpackedBytes
  )
  let compressedBytes = 0
  // 128 KiB out of zlib, 64 KiB read in: larger chunks pass the four stream stages with less overhead,
  // but a 1 MiB read inflates into megabytes queued ahead of the parser (measured: 125 MB peak instead
  // of 160 MB on a 10,000-file pair, about 5% slower).
  const gunzip = createGunzip({ chunkSize: 1 << 17 })
  try {
    await pipeline(
      createReadStream(file, { highWaterMark: 1 << 16 }),
      tap(chunk => {
        archiveHash.update(chunk)
        compressedBytes += chunk.length
      }),
      gunzip,
      byteLimit(limits.maxUnpackedBytes),
      walker,
      // eslint-disable-next-line no-restricted-syntax -- one element at most
      ...(stop ? [{ signal: stop }] : [])
    )
  } catch (error) {
    // Stopped on purpose (the caller has what it needs): what was read so far is the answer.
    if (stop?.aborted) return collector.finish('')
    throw new ArchiveError(file, describeReadError(error, limits))
  } finally {
    retention?.keeper.finish?.(retention.side)
  }
  // zlib stops at the end of the gzip data and ignores what follows; bytes hidden there are flagged.
  const trailing = compressedBytes - gunzip.bytesWritten
  if (trailing > 0)
    collector.flagArchive(`${trailing} bytes of trailing data after the gzip stream`)
  return collector.finish(archiveHash.digest('hex'))
}

/**
 * Reads only as far as the root PKG-INFO (setuptools writes it near the start; flit and hatchling write
 * it last, but name their files by PEP 625, so those are never read this way).
 */
export async function readUntilPkgInfo(file: string, limits: ReadLimits): Promise<Archive> {
  const stop = new AbortController()
  const keeper: ContentKeeper = {
    track: (_side, entry) => {
      if (entry.path === 'PKG-INFO') stop.abort()
      else dropText(entry)
    }
  }
  return readArchive(file, limits, { keeper, side: 0 }, stop.signal)
}

/** Reads the two sides of a comparison concurrently, keeping only the content a diff can need. */
export function readArchivePair(
  previous: string,
  current: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS
): Promise<[Archive, Archive]> {
  const keeper = new TextRetention()
  return Promise.all([
    readArchive(previous, limits, { keeper, side: 0 }),
    readArchive(current, limits, { keeper, side: 1 })
  ])
}

const MAGIC: { bytes: number[]; offset: number; what: string }[] = [
  { bytes: [0x42, 0x5a, 0x68], offset: 0, what: 'a bzip2 archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], offset: 0, what: 'an xz archive' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], offset: 0, what: 'a zstd archive' },
  { bytes: [0x75, 0x73, 0x74, 0x61, 0x72], offset: 257, what: 'an uncompressed tar archive' }
]

/** gzip (an sdist) or zip (a wheel); anything else is refused with what it is. */
async function sniffFormat(file: string): Promise<'gzip' | 'zip'> {
  let head: Buffer
  try {
    const handle = await open(file, 'r')
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(262), 0, 262, 0)
      head = buffer.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EISDIR')
      throw new ArchiveError(file, 'is a folder: give the sdist in it, or a glob such as dist/*')
    throw new ArchiveError(file, `cannot be read (${code ?? error})`)
  }
  if (head.length === 0) throw new ArchiveError(file, 'is empty: not an sdist')
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip'
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip'
  // pip installs a .whl whatever precedes its zip (the wheel reader flags what does).
  if (file.endsWith('.whl')) return 'zip'
  const known = MAGIC.find(m => m.bytes.every((b, i) => head[m.offset + i] === b))
  const what = known ? `is ${known.what}` : 'is not gzip-compressed'
  throw new ArchiveError(file, `${what}: an sdist is a .tar.gz file (PEP 625), a wheel a .whl file`)
}

function tap(onChunk: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onChunk(chunk)
      callback(null, chunk)
    }
  })
}

class UnpackedTooLarge extends Error {}

function byteLimit(maxBytes: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length
      if (seen > maxBytes) callback(new UnpackedTooLarge())
      else callback(null, chunk)
    }
  })
}

function describeReadError(error: unknown, limits: ReadLimits): string {
  const mib = Math.round(limits.maxUnpackedBytes / 1024 ** 2)
  if (error instanceof UnpackedTooLarge) {
    return `expands to more than ${mib} MiB uncompressed (a gzip bomb?); refused at the ${mib} MiB cap`
  }
  if (error instanceof DeclaredTooLarge) {
    const path = JSON.stringify(error.path.slice(0, 200))
    return `its entry ${path} declares more than the ${mib} MiB an archive may expand to (a gzip bomb?); refused at its header, before inflating it`
  }
  if (error instanceof ArchiveError) return error.message.slice(error.file.length + 2)
  if (error instanceof TarFormatError) return describeTarProblem(error)
  const err = error as NodeJS.ErrnoException
  if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message)) {
    return 'truncated gzip data (unexpected end of file): the download or build was cut short'
  }
  // zlib reads on past the first gzip member: bytes after it that are not gzip fail the header check.
  if (err.code === 'Z_DATA_ERROR' && /incorrect header check/.test(err.message)) {
    return 'holds trailing data after the gzip stream; refused'
  }
  if (err.code === 'Z_DATA_ERROR') return `corrupt gzip data (${err.message})`
  if (err.code) return `cannot be read (${err.code}: ${err.message})`
  return `cannot be read (${err.message ?? String(error)})`
}

function describeTarProblem(error: TarFormatError): string {
  switch (error.problem) {
    case 'not-tar':
      return 'the gzip data does not hold a tar archive: not an sdist'
    case 'empty':
      return error.message
    case 'truncated':
      return `truncated tar archive (${error.message}): the file was cut short`
    case 'corrupt':
      return `corrupt tar archive (${error.message})`
  }
}

const SKIP_BODY: TarBodySink = { data: () => {}, end: () => {} }

class EntryCollector implements TarVisitor {
  private readonly entries = new Map<string, Entry>()
  private readonly unsafe: UnsafeEntry[] = []
  private root: string | undefined
  private count = 0

  constructor(
    private readonly file: string,
    private readonly limits: ReadLimits,
    private readonly retention?: { keeper: ContentKeeper; side: 0 | 1 }
  ) {}

  entry(header: TarEntryHeader): TarBodySink {
    if (++this.count > this.limits.maxEntries) {
      throw new ArchiveError(
        this.file,
        `holds more than ${this.limits.maxEntries} entries; refused at that cap`
      )
    }
    const archivePath = header.path
    this.root ??= firstSegment(archivePath)
    const place = placeInRoot(archivePath, this.root)
    if (place.kind !== 'inside') {
      if (place.kind === 'refused') this.flag(archivePath, place.reason)
      for (const reason of header.disagreements ?? []) this.flag(archivePath, reason)
      return SKIP_BODY
    }
    const path = place.relative
    for (const reason of header.disagreements ?? []) this.flag(path, reason)
    for (const conflict of header.conflicts ?? [])
      this.flag(
        path,
        `tar records disagree on its ${conflict}: tar readers differ, pip takes the first`
      )
    if (hasControlCharacters(path)) this.flag(path, 'control characters in the file name')
    if (path.includes('\uFFFD')) this.flag(path, 'file name is not valid UTF-8')
    const type = TAR_TYPES[header.type] ?? 'other'
    const linkTarget = this.linkTarget(header, path, type)
    if (type === 'other') this.flag(path, `${header.type} entry (device or FIFO)`)
    const hash = createHash('sha256')
    const kept = type === 'file' ? keeping(header.size, this.limits) : undefined
    const chunks: Buffer[] = []
    const blob = this.limits.gitBlobIds && type === 'file' ? gitBlobHash(header.size) : undefined
    return {
      data: chunk => {
        hash.update(chunk)
        blob?.update(chunk)
        if (kept) chunks.push(chunk)
      },
      end: () =>
        this.record(header, path, type, linkTarget, hash, chunks, kept, blob?.digest('hex'))
    }
  }

  ignored(header: TarEntryHeader): void {
    this.flag(header.path, `unsupported or oversized ${header.type} tar entry, skipped`)
  }

  archiveProblem(reason: string): void {
    this.flagArchive(reason)
  }

  /** A problem of the archive as a whole, reported against its file name. */
  flagArchive(reason: string): void {
    this.flag(basename(this.file), reason)
  }

  finish(sha256: string): Archive {
    if (this.root === undefined) throw new ArchiveError(this.file, 'the archive holds no entries')
    if (!this.entries.has('PKG-INFO')) {
      throw new ArchiveError(
        this.file,
        `no PKG-INFO in the root folder "${this.root}/": not an sdist (build it with \`python -m build --sdist\`)`
      )
    }
    return {
      kind: 'sdist',
      file: this.file,
      sha256,
      root: this.root,
      entries: this.entries,
      unsafe: this.unsafe
    }
  }

  private linkTarget(header: TarEntryHeader, path: string, type: EntryType): string | undefined {
    const target = header.linkpath
    if (target === undefined) return undefined
    if (type === 'symlink' && resolveSymlink(path, target) === undefined) {
      this.flag(path, `symlink to "${target}" points outside the root folder`)
    }
    if (type === 'hardlink') {
      const place = placeInRoot(target, this.root ?? '')
      if (place.kind !== 'inside') {
        this.flag(path, `hardlink to "${target}" points outside the root folder`)
        return target
      }
      return place.relative
    }
    return target
  }

  private record(
    header: TarEntryHeader,
    path: string,
    type: EntryType,
    linkTarget: string | undefined,
    hash: Hash,
    chunks: Buffer[],
    kept: 'text' | 'scan' | undefined,
    gitBlob: string | undefined
  ): void {
    if (linkTarget !== undefined && header.size === 0) hash.update(linkTarget)
    const sha256 = hash.digest('hex')
    // A file the other side already holds byte for byte is never diffed: its text is not copied.
    const keep = kept && !this.retention?.keeper.matched?.(this.retention.side, path, sha256)
    const content = keep ? Buffer.concat(chunks) : undefined
    const keepText = kept === 'text'
    const binary = keepText && chunks.some(chunk => chunk.includes(0))
    const recorded: Entry = {
      path,
      type,
      mode: (header.mode ?? 0) & 0o7777,
      size: header.size,
      sha256,
      binary,
      ...(linkTarget !== undefined && { linkTarget }),
      ...(gitBlob !== undefined && { gitBlob }),
      ...(content !== undefined && (keepText ? { content } : { scanContent: content })),
      ...(type === 'other' && { tarType: header.type })
    }
    if (keepText) noteMentions(recorded, this.retention?.side, chunks)
    if (this.entries.has(path)) this.flag(path, 'duplicate entry: extraction would overwrite it')
    this.entries.set(path, recorded)
    this.retention?.keeper.track(this.retention.side, recorded)
  }

  private flag(path: string, reason: string): void {
    this.unsafe.push({ path, reason })
  }
}

/** git's object id of a file: SHA-1 over `blob <size>\0` and the bytes. */
function gitBlobHash(size: number): Hash {
  return createHash('sha1').update(`blob ${size}\0`)
}
