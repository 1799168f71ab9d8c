import type { FileHandle } from 'node:fs/promises'
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib'
import yauzl, { type Entry as ZipEntry } from 'yauzl'

/** Reads ahead in blocks of this size; larger entries are inflated as a stream in pieces of it. */
const BLOCK = 1 << 18

/**
 * The file data of zip entries, read in one sequential pass in the order they are stored.
 * Written here rather than with yauzl's per-entry streams: those cost a random read and a stream per
 * entry, three times the time of the whole read on a wheel of 5,000 entries.
 */
export class ZipData {
  private window = Buffer.alloc(0)
  private windowStart = 0

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number
  ) {}

  /**
   * The entry's uncompressed bytes, passed to `onChunk` in order. Throws with the reason when the local
   * header, the sizes or the CRC-32 contradict the central directory.
   */
  async read(entry: ZipEntry, onChunk: (chunk: Buffer) => void): Promise<void> {
    const start = await this.dataStart(entry)
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
    if (entry.compressionMethod === 0) {
      if (entry.compressedSize !== entry.uncompressedSize)
        throw new Error('a stored entry whose sizes differ')
      for (let at = 0; at < entry.compressedSize; at += BLOCK)
        take(await this.range(start + at, Math.min(BLOCK, entry.compressedSize - at)))
    } else if (entry.compressionMethod === 8) {
      await this.inflate(entry, start, take)
    } else {
      throw new Error(`compression method ${entry.compressionMethod} (wheels use deflate or none)`)
    }
    if (size !== entry.uncompressedSize)
      throw new Error(`holds ${size} bytes, the central directory says ${entry.uncompressedSize}`)
    if (crc >>> 0 !== entry.crc32 >>> 0) throw new Error('CRC-32 mismatch: the data is damaged')
  }

  /** Where the entry's data begins: after its local header, whose name must be the central one's. */
  private async dataStart(entry: ZipEntry): Promise<number> {
    const offset = entry.relativeOffsetOfLocalHeader
    const header = await this.range(offset, 30)
    if (header.readUInt32LE(0) !== 0x04034b50) throw new Error('no local file header at its offset')
    const nameLength = header.readUInt16LE(26)
    const extraLength = header.readUInt16LE(28)
    const name = Buffer.from(await this.range(offset + 30, nameLength))
    if (!name.equals(entry.fileName as unknown as Buffer))
      throw new Error(
        `its local header names it ${JSON.stringify(name.toString('utf8'))}: extractors would disagree on its name`
      )
    return offset + 30 + nameLength + extraLength
  }

  /** Small entries at once (capped at their declared size); large ones as a stream, a block at a time. */
  private async inflate(entry: ZipEntry, start: number, take: (chunk: Buffer) => void) {
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

/**
 * yauzl's reader over an open file, served from a read-ahead block: the central directory is read as
 * thousands of small sequential reads, each a thread-pool round trip with yauzl's own file reader.
 */
export class BlockReader extends yauzl.RandomAccessReader {
  private block = Buffer.alloc(0)
  private blockStart = 0

  constructor(
    private readonly handle: FileHandle,
    private readonly size: number
  ) {
    super()
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null, bytesRead?: number) => void
  ): void {
    this.bytes(position, length).then(
      bytes => callback(null, bytes.copy(buffer, offset)),
      (error: Error) => callback(error)
    )
  }

  override _readStreamForRange(): never {
    throw new Error('internal: entry data is read by ZipData')
  }

  private async bytes(position: number, length: number): Promise<Buffer> {
    const end = position + length
    if (position >= this.blockStart && end <= this.blockStart + this.block.length)
      return this.block.subarray(position - this.blockStart, end - this.blockStart)
    const block = Buffer.allocUnsafe(Math.min(Math.max(BLOCK, length), this.size - position))
    const { bytesRead } = await this.handle.read(block, 0, block.length, position)
    this.block = block.subarray(0, bytesRead)
    this.blockStart = position
    return this.block.subarray(0, Math.min(length, bytesRead))
  }
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
