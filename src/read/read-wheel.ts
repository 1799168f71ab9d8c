import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import { hasControlCharacters } from './entry-path.js'
import type { ReadLimits } from './read-archive.js'
import type { ContentKeeper } from './text-retention.js'
import { checkRecord, parseWheelFile } from './wheel-metadata.js'
import { ArchiveError, type Entry, type Archive, type UnsafeEntry } from './types.js'
import { decodeText } from './decode-text.js'
import { keeping, noteMentions } from './keeping.js'
import { tagsFromFilename } from '../packaging/wheel-tags.js'
import { ZipData } from './zip-data.js'
import {
  readZipDirectory,
  TooManyEntries,
  ZipfileError,
  type CentralEntry,
  type ZipDirectory
} from './zip-directory.js'

/** Files read whole whatever their size: the wheel's own description of itself. */
const DIST_INFO_FILE = /^[^/]+\.dist-info\/(?:METADATA|WHEEL|RECORD|entry_points\.txt)$/

/**
 * An entry that inflates past this ratio and size is refused before it is read: deflate's own limit is
 * about 1,032:1, which only a file of one repeated byte reaches, never a real module or data file.
 */
const BOMB_RATIO = 500
const BOMB_MIN_BYTES = 64 * 1024 ** 2

const S_IFMT = 0o170000
const S_IFLNK = 0o120000
const S_IFDIR = 0o040000
const UTF8_FLAG = 1 << 11

/**
 * Reads a wheel as pip installs it: the central directory as Python's zipfile finds it (sizes, names,
 * overlaps are checked before one byte is inflated), then each entry as a stream, hashed and kept as
 * text when small, as for an sdist. Where other readers would see another archive, that is flagged.
 */
export async function readWheel(
  file: string,
  limits: ReadLimits,
  retention?: { keeper: ContentKeeper; side: 0 | 1 }
): Promise<Archive> {
  const handle = await open(file, 'r')
  try {
    const size = (await handle.stat()).size
    const directory = await openZip(handle, size, file, limits)
    const listed = listEntries(directory, file, limits)
    const data = new ZipData(handle, size)
    const reader = new WheelEntries(file, limits, retention)
    reader.compareDirectories(directory)
    let covered = 0
    for (const [i, entry] of listed.entries()) {
      await reader.unlisted(data, covered, entry.headerOffset)
      const end = listed[i + 1]?.headerOffset ?? directory.start
      covered = await reader.read(data, entry, end)
      await retention?.keeper.pace?.(retention.side, entry.uncompressedSize)
    }
    await reader.unlisted(data, covered, directory.start)
    return { ...reader.finish(), sha256: await fileSha256(file) }
  } finally {
    retention?.keeper.finish?.(retention.side)
    await handle.close()
  }
}

async function openZip(
  handle: FileHandle,
  size: number,
  file: string,
  limits: ReadLimits
): Promise<ZipDirectory> {
  try {
    return await readZipDirectory(handle, size, limits.maxEntries)
  } catch (error) {
    if (error instanceof TooManyEntries) throw new ArchiveError(file, error.message)
    if (error instanceof ZipfileError)
      throw new ArchiveError(file, `corrupt zip archive (${error.message})`)
    throw error
  }
}

/** The central directory, checked as a whole: total size and ratio; in stored order. */
function listEntries(directory: ZipDirectory, file: string, limits: ReadLimits): CentralEntry[] {
  const entries = directory.entries
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0)
  if (total > limits.maxUnpackedBytes) {
    const mib = Math.round(limits.maxUnpackedBytes / 1024 ** 2)
    throw new ArchiveError(
      file,
      `expands to more than ${mib} MiB uncompressed (a zip bomb?); refused at the ${mib} MiB cap`
    )
  }
  for (const entry of entries) {
    if (
      entry.uncompressedSize > BOMB_MIN_BYTES &&
      entry.uncompressedSize > BOMB_RATIO * Math.max(entry.compressedSize, 1)
    )
      throw new ArchiveError(
        file,
        `${nameOf(entry)} inflates ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))}:1 (a zip bomb?); refused`
      )
  }
  // In stored order: the data is then read in one pass, and each entry must end where the next begins.
  return [...entries].sort((a, b) => a.headerOffset - b.headerOffset || a.index - b.index)
}

function nameOf(entry: CentralEntry): string {
  return JSON.stringify(entry.name)
}

class WheelEntries {
  private readonly entries = new Map<string, Entry>()
  /** The central-directory position of the entry each path holds: pip installs the last one listed. */
  private readonly holder = new Map<string, number>()
  private readonly unsafe: UnsafeEntry[] = []
  /** Raw bytes of the dist-info files, read whole. */
  private readonly distInfo = new Map<string, Buffer>()

  constructor(
    private readonly file: string,
    private readonly limits: ReadLimits,
    private readonly retention?: { keeper: ContentKeeper; side: 0 | 1 }
  ) {}

  /** The end record's own offset and counts against the directory zipfile reads: each difference flagged. */
  compareDirectories(directory: ZipDirectory): void {
    for (const note of directory.ambiguities) this.flag(basename(this.file), note)
    const other = directory.offsetEntries
    if (!other) return
    const where = (e: CentralEntry) =>
      `local header at byte ${e.headerOffset}, ${e.uncompressedSize} bytes, CRC ${hex(e.crc)}`
    const theirs = new Map(other.map(e => [e.name, e]))
    const ours = new Map(directory.entries.map(e => [e.name, e]))
    for (const [name, entry] of ours) {
      const seen = theirs.get(name)
      if (!seen)
        this.flag(
          name,
          `pip installs it (${where(entry)}); the central directory the end record's offset points at does not list it`
        )
      else if (where(seen) !== where(entry) || seen.method !== entry.method)
        this.flag(
          name,
          `pip installs what zipfile reads (${where(entry)}); the central directory the end record's offset points at gives other bytes (${where(seen)})`
        )
    }
    for (const [name, entry] of theirs)
      if (!ours.has(name))
        this.flag(
          name,
          `listed only in the central directory the end record's offset points at (${where(entry)}): other readers show it, pip does not install it`
        )
  }

  /** A local header between the listed entries: streaming readers install it, pip does not. */
  async unlisted(data: ZipData, from: number, to: number): Promise<void> {
    const at = await data.findLocalHeader(from, to)
    if (at !== undefined)
      this.flag(
        basename(this.file),
        `a local file header at byte ${at} that the central directory does not list: readers that stream local headers install it, pip does not`
      )
  }

  /**
   * Reads one entry, whose data must end by `end` (the next local header or the directory); returns
   * where its data ends.
   */
  async read(data: ZipData, zipEntry: CentralEntry, end: number): Promise<number> {
    const name = zipEntry.name
    let start: number
    try {
      const header = await data.localHeader(zipEntry)
      start = header.start
      if (start + zipEntry.compressedSize > end)
        throw new Error(
          'its data runs into the next entry or the central directory: entries overlap in the archive (a zip bomb?)'
        )
      for (const note of header.notes) this.flag(name, note)
    } catch (error) {
      throw this.refusal(name, error)
    }
    for (const other of zipEntry.otherNames)
      this.flag(
        name,
        `other readers name it ${JSON.stringify(other)}; zipfile installs it as ${JSON.stringify(name)}`
      )
    await this.content(data, zipEntry, start)
    return start + zipEntry.compressedSize
  }

  /** The entry at its install path, its data read from `start`. */
  private async content(data: ZipData, zipEntry: CentralEntry, start: number): Promise<void> {
    const name = zipEntry.name
    const path = this.place(name, zipEntry)
    if (path === undefined) return
    const mode = zipEntry.externalAttributes >>> 16
    // pip skips names ending in "/" and writes every other entry as a file, whatever its mode.
    if (name.endsWith('/')) {
      this.add(
        { path, type: 'dir', mode: mode & 0o7777, size: 0, sha256: '', binary: false },
        zipEntry.index
      )
      return
    }
    if ((mode & S_IFMT) === S_IFDIR)
      this.flag(
        path,
        'folder mode on an entry whose name does not end in "/": pip installs it as a file'
      )
    if (zipEntry.flags & 0x01) return this.flag(path, 'encrypted entry, not read')
    if ((mode & S_IFMT) === S_IFLNK)
      this.flag(path, 'symlink entry: installers write it as a file holding the target')
    const wholeFile = DIST_INFO_FILE.test(path)
    const kept = wholeFile ? 'text' : keeping(zipEntry.uncompressedSize, this.limits)
    const keepText = kept === 'text'
    const hash = createHash('sha256')
    const chunks: Buffer[] = []
    let size = 0
    try {
      // Each entry is held to its declared size, and their sum to the cap: the total cannot pass it.
      await data.read(zipEntry, start, chunk => {
        hash.update(chunk)
        size += chunk.length
        if (kept) chunks.push(chunk)
      })
    } catch (error) {
      throw this.refusal(name, error)
    }
    const sha256 = hash.digest('hex')
    const entry: Entry = {
      path,
      type: 'file',
      mode: mode & 0o7777 || 0o644,
      size,
      sha256,
      binary: false
    }
    if (!this.add(entry, zipEntry.index)) return
    if (wholeFile) this.distInfo.set(path, Buffer.concat(chunks))
    const keep = kept && !this.retention?.keeper.matched?.(this.retention.side, path, sha256)
    entry.binary = keepText && chunks.some(chunk => chunk.includes(0))
    if (keep && keepText) entry.content = Buffer.concat(chunks)
    else if (keep) entry.scanContent = Buffer.concat(chunks)
    if (keepText) noteMentions(entry, this.retention?.side, chunks)
    this.retention?.keeper.track(this.retention.side, entry)
  }

  finish(): Omit<Archive, 'sha256'> {
    const metadata = [...this.distInfo.keys()].filter(p => p.endsWith('.dist-info/METADATA'))
    if (metadata.length === 0)
      throw new ArchiveError(
        this.file,
        'a zip archive with no *.dist-info/METADATA: not a wheel (an sdist is a .tar.gz file, PEP 625)'
      )
    if (metadata.length > 1)
      this.flag(metadata[1] as string, `second .dist-info folder beside ${metadata[0]}`)
    const distInfo = (metadata[0] as string).slice(0, -'/METADATA'.length)
    const wheelFile = this.distInfo.get(`${distInfo}/WHEEL`)
    const record = this.distInfo.get(`${distInfo}/RECORD`)
    const parsed = wheelFile ? parseWheelFile(decodeText(wheelFile)) : { tags: [] }
    if (!parsed.tags.length) parsed.tags = tagsFromFilename(basename(this.file))
    const recordProblems = record
      ? checkRecord(decodeText(record), distInfo, this.entries)
      : [{ path: `${distInfo}/RECORD`, problem: 'the wheel has no RECORD' }]
    if (!wheelFile)
      recordProblems.push({ path: `${distInfo}/WHEEL`, problem: 'the wheel has no WHEEL file' })
    return {
      kind: 'wheel',
      file: this.file,
      root: '',
      entries: this.entries,
      unsafe: this.unsafe,
      wheel: { distInfo, ...parsed, recordProblems }
    }
  }

  /**
   * The install path of an entry as pip computes it (`os.path.normpath` under the install folder), or
   * undefined (flagged) when pip would refuse to write it there.
   */
  private place(name: string, entry: CentralEntry): string | undefined {
    if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) {
      this.flag(name, 'absolute path')
      return undefined
    }
    const segments: string[] = []
    for (const segment of name.split(/[/\\]/)) {
      if (segment === '' || segment === '.') continue
      if (segment !== '..') segments.push(segment)
      else if (segments.pop() === undefined) {
        this.flag(name, 'path with ".." segment')
        return undefined
      }
    }
    if (segments.length === 0) {
      this.flag(name, 'empty path')
      return undefined
    }
    const path = segments.join('/')
    if (name.split(/[/\\]/).includes('..'))
      this.flag(path, `path with ".." segment: pip installs ${JSON.stringify(name)} here`)
    if (name.includes('\\'))
      this.flag(
        path,
        `backslash in the file name: pip on Windows installs it here, on Linux and macOS as one file named ${JSON.stringify(name)}`
      )
    if (hasControlCharacters(path)) this.flag(path, 'control characters in the file name')
    if (!(entry.flags & UTF8_FLAG) && entry.rawName.some(byte => byte >= 0x80)) {
      const asUtf8 = decodeText(entry.rawName)
      this.flag(
        path,
        asUtf8 === name
          ? 'file name is not valid UTF-8'
          : `file name is not flagged UTF-8: zipfile installs it as cp437 ${JSON.stringify(name)}, UTF-8 readers as ${JSON.stringify(asUtf8)}`
      )
    }
    return path
  }

  /** Adds the entry unless a later-listed file already holds its path; false when it does. */
  private add(entry: Entry, index: number): boolean {
    const held = this.entries.get(entry.path)
    if (held) {
      this.flag(
        entry.path,
        'duplicate entry: extraction would overwrite it (pip installs the copy listed last in the central directory)'
      )
      // pip never writes folders, and of two files it writes the later-listed one last.
      const keepHeld =
        entry.type === 'dir' || (held.type !== 'dir' && (this.holder.get(entry.path) ?? -1) > index)
      if (keepHeld) return false
    }
    this.entries.set(entry.path, entry)
    this.holder.set(entry.path, index)
    if (entry.type === 'dir') this.retention?.keeper.track(this.retention.side, entry)
    return true
  }

  private refusal(name: string, error: unknown): ArchiveError {
    return new ArchiveError(
      this.file,
      `zip entry ${JSON.stringify(name)}: ${(error as Error).message}; refused`
    )
  }

  private flag(path: string, reason: string): void {
    this.unsafe.push({ path, reason })
  }
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0')
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file, {
    highWaterMark: 1 << 20
  }) as AsyncIterable<Buffer>)
    hash.update(chunk)
  return hash.digest('hex')
}
