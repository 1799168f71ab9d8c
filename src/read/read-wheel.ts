import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import yauzl, { type Entry as ZipEntry, type ZipFile } from 'yauzl'
import { hasControlCharacters } from './entry-path.js'
import type { ReadLimits } from './read-archive.js'
import type { ContentKeeper } from './text-retention.js'
import { checkRecord, parseWheelFile } from './wheel-metadata.js'
import { SdistError, type Entry, type Sdist, type UnsafeEntry } from './types.js'
import { decodeText } from './decode-text.js'
import { tagsFromFilename } from '../packaging/wheel-tags.js'
import { BlockReader, ZipData } from './zip-data.js'

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

/**
 * Reads a wheel: the central directory first (sizes, names, overlaps are checked before one byte is
 * inflated), then each entry as a stream, hashed and kept as text when small, as for an sdist.
 */
export async function readWheel(
  file: string,
  limits: ReadLimits,
  retention?: { keeper: ContentKeeper; side: 0 | 1 }
): Promise<Sdist> {
  const handle = await open(file, 'r')
  try {
    const size = (await handle.stat()).size
    const listed = await listEntries(await openZip(handle, size, file), file, limits)
    const data = new ZipData(handle, size)
    const reader = new WheelEntries(file, limits, retention)
    for (const entry of listed) {
      await reader.read(data, entry)
      await retention?.keeper.pace?.(retention.side, entry.uncompressedSize)
    }
    return { ...reader.finish(), sha256: await fileSha256(file) }
  } finally {
    retention?.keeper.finish?.(retention.side)
    await handle.close()
  }
}

async function openZip(handle: FileHandle, size: number, file: string): Promise<ZipFile> {
  try {
    return await yauzl.fromRandomAccessReaderPromise(new BlockReader(handle, size), size, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true
    })
  } catch (error) {
    throw new SdistError(file, `corrupt zip archive (${(error as Error).message})`)
  }
}

/** The central directory, checked as a whole: entry count, total size, ratio and overlapping entries. */
async function listEntries(zip: ZipFile, file: string, limits: ReadLimits): Promise<ZipEntry[]> {
  if (zip.entryCount > limits.maxEntries)
    throw new SdistError(file, `holds more than ${limits.maxEntries} entries; refused at that cap`)
  const entries: ZipEntry[] = []
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: ZipEntry) => {
      entries.push(entry)
      zip.readEntry()
    })
    zip.once('end', resolve)
    zip.once('error', reject)
    zip.readEntry()
  }).catch((error: Error) => {
    throw new SdistError(file, `corrupt zip archive (${error.message})`)
  })
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0)
  if (total > limits.maxUnpackedBytes) {
    const mib = Math.round(limits.maxUnpackedBytes / 1024 ** 2)
    throw new SdistError(
      file,
      `expands to more than ${mib} MiB uncompressed (a zip bomb?); refused at the ${mib} MiB cap`
    )
  }
  for (const entry of entries) {
    if (
      entry.uncompressedSize > BOMB_MIN_BYTES &&
      entry.uncompressedSize > BOMB_RATIO * Math.max(entry.compressedSize, 1)
    )
      throw new SdistError(
        file,
        `${nameOf(entry)} inflates ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))}:1 (a zip bomb?); refused`
      )
  }
  refuseOverlaps(entries, file)
  // In stored order: the data is then read in one pass.
  return entries.sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader)
}

/** Entries whose data overlap reuse the same bytes many times over: the non-recursive zip bomb. */
function refuseOverlaps(entries: ZipEntry[], file: string): void {
  const byOffset = [...entries].sort(
    (a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader
  )
  for (let i = 1; i < byOffset.length; i++) {
    const before = byOffset[i - 1] as ZipEntry
    const after = byOffset[i] as ZipEntry
    const end =
      before.relativeOffsetOfLocalHeader + 30 + before.fileNameLength + before.compressedSize
    if (end > after.relativeOffsetOfLocalHeader)
      throw new SdistError(
        file,
        `entries ${nameOf(before)} and ${nameOf(after)} overlap in the archive (a zip bomb?); refused`
      )
  }
}

function nameOf(entry: ZipEntry): string {
  return JSON.stringify(decodeName(entry))
}

/** Names are UTF-8 in wheels (and flagged so by bit 11); anything else is read as Latin-1 and flagged. */
function decodeName(entry: ZipEntry): string {
  const raw = entry.fileName as unknown as Buffer
  return decodeText(raw)
}

class WheelEntries {
  private readonly entries = new Map<string, Entry>()
  private readonly unsafe: UnsafeEntry[] = []
  /** Raw bytes of the dist-info files, read whole. */
  private readonly distInfo = new Map<string, Buffer>()

  constructor(
    private readonly file: string,
    private readonly limits: ReadLimits,
    private readonly retention?: { keeper: ContentKeeper; side: 0 | 1 }
  ) {}

  async read(data: ZipData, zipEntry: ZipEntry): Promise<void> {
    const name = decodeName(zipEntry)
    const path = this.place(name)
    if (path === undefined) return
    const mode = zipEntry.externalFileAttributes >>> 16
    const isDir = name.endsWith('/') || (mode & S_IFMT) === S_IFDIR
    if (isDir)
      return this.add({
        path,
        type: 'dir',
        mode: mode & 0o7777,
        size: 0,
        sha256: '',
        binary: false
      })
    if (zipEntry.isEncrypted()) return this.flag(path, 'encrypted entry, not read')
    if ((mode & S_IFMT) === S_IFLNK)
      this.flag(path, 'symlink entry: installers write it as a file holding the target')
    const wholeFile = DIST_INFO_FILE.test(path)
    const keepText = wholeFile || zipEntry.uncompressedSize <= this.limits.textCapBytes
    const hash = createHash('sha256')
    const chunks: Buffer[] = []
    let size = 0
    try {
      // Each entry is held to its declared size, and their sum to the cap: the total cannot pass it.
      await data.read(zipEntry, chunk => {
        hash.update(chunk)
        size += chunk.length
        if (keepText) chunks.push(chunk)
      })
    } catch (error) {
      throw new SdistError(
        this.file,
        `zip entry ${JSON.stringify(name)}: ${(error as Error).message}; refused`
      )
    }
    const sha256 = hash.digest('hex')
    if (wholeFile) this.distInfo.set(path, Buffer.concat(chunks))
    const keep = keepText && !this.retention?.keeper.matched?.(this.retention.side, path, sha256)
    const binary = keepText && chunks.some(chunk => chunk.includes(0))
    const content = keep ? Buffer.concat(chunks) : undefined
    this.add({
      path,
      type: 'file',
      mode: mode & 0o7777 || 0o644,
      size,
      sha256,
      binary,
      ...(content !== undefined && { content })
    })
  }

  finish(): Omit<Sdist, 'sha256'> {
    const metadata = [...this.distInfo.keys()].filter(p => p.endsWith('.dist-info/METADATA'))
    if (metadata.length === 0)
      throw new SdistError(
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
      file: this.file,
      root: '',
      entries: this.entries,
      unsafe: this.unsafe,
      wheel: { distInfo, ...parsed, recordProblems }
    }
  }

  /** The install path of an entry, or undefined (flagged) when an extractor would write it elsewhere. */
  private place(name: string): string | undefined {
    if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) {
      this.flag(name, 'absolute path')
      return undefined
    }
    const segments = name.split(/[/\\]/).filter(s => s !== '' && s !== '.')
    if (segments.includes('..')) {
      this.flag(name, 'path with ".." segment')
      return undefined
    }
    if (segments.length === 0) {
      this.flag(name, 'empty path')
      return undefined
    }
    const path = segments.join('/')
    if (name.includes('\\')) this.flag(path, 'backslash in the file name')
    if (hasControlCharacters(path)) this.flag(path, 'control characters in the file name')
    if (path.includes('\uFFFD')) this.flag(path, 'file name is not valid UTF-8')
    return path
  }

  private add(entry: Entry): void {
    if (this.entries.has(entry.path))
      this.flag(entry.path, 'duplicate entry: extraction would overwrite it')
    this.entries.set(entry.path, entry)
    this.retention?.keeper.track(this.retention.side, entry)
  }

  private flag(path: string, reason: string): void {
    this.unsafe.push({ path, reason })
  }
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file, {
    highWaterMark: 1 << 20
  }) as AsyncIterable<Buffer>)
    hash.update(chunk)
  return hash.digest('hex')
}
