import type { FileHandle } from 'node:fs/promises'
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib'
import { decodeZipName, type CentralEntry, ZipfileError } from './zip-directory.js'

/** Reads ahead in blocks of this size; larger entries are inflated as a stream in pieces of it. */
const BLOCK = 1 << 18

/**
 * The file data of zip entries, read in one sequential pass in the order they are stored.
 * Written here rather than with per-entry streams: those cost a random read and a stream per entry,
 * three times the time of the whole read on a wheel of 5,000 entries.
 */
export class ZipData {
  private window = Buffer.alloc(0)
  private windowStart = 0

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number
  ) {}

  /**
   * The entry's local header as zipfile's `open()` checks it (signature, name), and where its data
   * starts; `notes` say where readers that trust local headers would read something else.
   */
  async localHeader(entry: CentralEntry): Promise<{ start: number; notes: string[] }> {
    const offset = entry.headerOffset
    const header = await this.range(offset, 30)
    if (header.readUInt32LE(0) !== 0x04034b50) throw new Error('no local file header at its offset')
    const flags = header.readUInt16LE(6)
    const nameLength = header.readUInt16LE(26)
    const extraLength = header.readUInt16LE(28)
    const raw = Buffer.from(await this.range(offset + 30, nameLength))
    let name: string
    try {
      name = decodeZipName(raw, flags)
    } catch (error) {
      throw new Error(`its local header's name: ${(error as ZipfileError).message}`)
    }
    if (name !== entry.origName)
      throw new Error(
        `its local header names it ${JSON.stringify(name)}: extractors would disagree on its name`
      )
    if (entry.flags & 0x60)
      throw new Error(
        'compressed patched data or strong encryption (flag bits 5, 6): zipfile cannot read it'
      )
    const notes: string[] = []
    if (!raw.equals(entry.rawName)) notes.push('its local header spells its name in other bytes')
    const method = header.readUInt16LE(8)
    if (method !== entry.method)
      notes.push(
        `its local header says compression method ${method}, the central directory ${entry.method}`
      )
    const local = {
      crc: header.readUInt32LE(14),
      compressedSize: header.readUInt32LE(18),
      uncompressedSize: header.readUInt32LE(22)
    }
    const described = !(flags & 0x08) && local.compressedSize !== 0xffffffff
    if (
      described &&
      (['crc', 'compressedSize', 'uncompressedSize'] as const).some(f => local[f] !== entry[f])
    )
      notes.push(
        `its local header says ${local.uncompressedSize} bytes (CRC ${hex(local.crc)}), the central directory ${entry.uncompressedSize} (CRC ${hex(entry.crc)}): readers that stream local headers read other bytes`
      )
    return { start: offset + 30 + nameLength + extraLength, notes }
  }

  /**
   * The bytes of an entry whose data starts at `start`, passed to `onChunk` in order. Throws with the
   * reason when the sizes or the CRC-32 contradict the central directory.
   */
  async read(entry: CentralEntry, start: number, onChunk: (chunk: Buffer) => void): Promise<void> {
    let crc = 0
    let size = 0
    const take = (chunk: Buffer) => {
      size += chunk.length
      if (size > entry.uncompressedSize)
        throw new Error(
          `inflates past the ${entry.uncompressedSize} bytes the central directory declares (a zip bomb?)`
        )
      crc = crc32(chunk, crc)
      onChunk(chunk)
    }
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.uncompressedSize)
        throw new Error('a stored entry whose sizes differ')
      for (let at = 0; at < entry.compressedSize; at += BLOCK)
        take(await this.range(start + at, Math.min(BLOCK, entry.compressedSize - at)))
    } else if (entry.method === 8) {
      await this.inflate(entry, start, take)
    } else {
      throw new Error(`compression method ${entry.method} (wheels use deflate or none)`)
    }
    if (size !== entry.uncompressedSize)
      throw new Error(`holds ${size} bytes, the central directory says ${entry.uncompressedSize}`)
    if (crc >>> 0 !== entry.crc >>> 0) throw new Error('CRC-32 mismatch: the data is damaged')
  }

  /** Where the first local header signature in [from, to) is, if any: an entry no directory lists. */
  async findLocalHeader(from: number, to: number): Promise<number | undefined> {
    const signature = Buffer.from([0x50, 0x4b, 0x03, 0x04])
    for (let at = Math.max(from, this.windowStart); at < to; at += BLOCK) {
      const piece = await this.range(at, Math.min(BLOCK + 3, to - at, this.size - at))
      const found = piece.indexOf(signature)
      if (found >= 0 && at + found + 4 <= to) return at + found
    }
    return undefined
  }

  /** Small entries at once (capped at their declared size); large ones as a stream, a block at a time. */
  private async inflate(entry: CentralEntry, start: number, take: (chunk: Buffer) => void) {
    if (entry.compressedSize <= BLOCK) {
      const compressed = await this.range(start, entry.compressedSize)
      let inflated: Buffer
      try {
        // One byte past the declared size shows a liar without inflating a bomb.
        inflated = inflateRawSync(compressed, {
          maxOutputLength: entry.uncompressedSize + 1,
          chunkSize: Math.max(64, entry.uncompressedSize + 1)
        })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          throw new Error('inflates past the size the central directory declares (a zip bomb?)')
        throw new Error(`corrupt deflate data (${(error as Error).message})`)
      }
      take(inflated)
      return
    }
    const inflater = createInflateRaw({ chunkSize: 1 << 17 })
    let failure: Error | undefined
    inflater.on('data', (chunk: Buffer) => {
      if (failure) return
      try {
        take(chunk)
      } catch (error) {
        failure = error as Error
        inflater.destroy()
      }
    })
    const done = new Promise<void>((resolve, reject) => {
      inflater.once('end', resolve)
      inflater.once('close', resolve)
      inflater.once('error', error => reject(new Error(`corrupt deflate data (${error.message})`)))
    })
    for (let at = 0; at < entry.compressedSize && !failure; at += BLOCK) {
      const piece = await this.range(start + at, Math.min(BLOCK, entry.compressedSize - at))
      if (!inflater.write(Buffer.from(piece))) await drained(inflater)
    }
    if (!failure) inflater.end()
    await done
    if (failure) throw failure
  }

  /** `length` bytes from `from`, read ahead sequentially; ranges come in increasing order. */
  private async range(from: number, length: number): Promise<Buffer> {
    if (from < this.windowStart || from + length > this.size)
      throw new Error('points outside the archive')
    const skip = from - this.windowStart
    this.window = skip >= this.window.length ? Buffer.alloc(0) : this.window.subarray(skip)
    this.windowStart = from
    while (this.window.length < length) {
      const at = this.windowStart + this.window.length
      const block = Buffer.allocUnsafe(Math.min(Math.max(BLOCK, length), this.size - at))
      const { bytesRead } = await this.handle.read(block, 0, block.length, at)
      if (bytesRead === 0) throw new Error('the archive ends inside it')
      const read = block.subarray(0, bytesRead)
      this.window = this.window.length ? Buffer.concat([this.window, read]) : read
    }
    return this.window.subarray(0, length)
  }
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0')
}

/** Resolves when the stream drains or closes (destroyed after a failure), leaving no listener behind. */
function drained(stream: NodeJS.WritableStream & NodeJS.EventEmitter): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.on('drain', done)
    stream.on('close', done)
  })
}
