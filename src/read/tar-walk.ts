import { Writable } from 'node:stream'
import {
  BLOCK,
  checksumValid,
  fieldText,
  headerNumber,
  padded,
  paxRecords,
  type PaxRecords
} from './tar-fields.js'
import {
  refuseDeclared,
  TarFormatError,
  type TarBodySink,
  type TarEntryHeader,
  type TarVisitor
} from './tar-entry.js'
import { NAMING_KEYS, type Extension } from './tar-extension.js'
import { decode, LONG_TYPES, NO_DATA, PAX_TYPES, type Decoded } from './tar-header.js'
import { resolveMember, type ResolvedMember, type Shadow } from './tar-member.js'

/**
 * The tar block walk, read as Python's tarfile reads it (pip unpacks sdists with tarfile, in
 * `untar_file`): which types carry data, how pax and GNU records apply, where the archive ends. Written
 * here because node-tar reads several of these differently, and where tarfile and the other readers
 * (GNU tar, node-tar) disagree the entry is flagged, naming what each sees. Python's tarfile is the
 * oracle in the tests, on every real sdist and on thousands of generated archives.
 */

const ZERO_BLOCK = Buffer.alloc(BLOCK)
/** pax and GNU long-name records larger than this are skipped (and flagged). */
const MAX_META_BYTES = 1024 ** 2

type Stream =
  | { kind: 'entry'; sink: TarBodySink | undefined; content: number }
  | { kind: 'meta'; code: string; declared: number; parts: Buffer[] }
  | { kind: 'skip' }

type BlockRole = 'header' | 'sparse-extension' | 'after-end'

/** A Writable that walks the tar stream written to it; `afterChunk` may hold the next write back. */
export class TarWalker extends Writable {
  /** The archive ended at a zero block, as tarfile ends it. */
  sawEndMarker = false
  private sawEntry = false
  private done = false
  private offset = 0
  private partial: Buffer | undefined
  private role: BlockRole = 'header'
  private stream: Stream | undefined
  private remain = 0
  private chain: Extension[] = []
  private readonly globals: PaxRecords = new Map()
  /** An old GNU sparse header waiting for its extension blocks. */
  private pendingSparse: { header: TarEntryHeader; step: number; inChain: boolean } | undefined
  /** Where the current entry's first header (extension or its own) starts. */
  private chainStart = 0
  private shadow: Shadow | undefined

  constructor(
    private readonly visitor: TarVisitor,
    private readonly afterChunk?: (bytes: number) => Promise<void> | undefined,
    private readonly maxBytes = Number.MAX_SAFE_INTEGER
  ) {
    super()
  }

  override _write(chunk: Buffer, _encoding: string, callback: (error?: Error | null) => void) {
    try {
      this.consume(chunk)
    } catch (error) {
      return callback(error as Error)
    }
    const wait = this.afterChunk?.(chunk.length)
    if (wait) void wait.then(() => callback(), callback)
    else callback()
  }

  override _final(callback: (error?: Error | null) => void) {
    try {
      callback(this.endProblem())
    } catch (error) {
      callback(error as Error)
    }
  }

  private endProblem(): TarFormatError | null {
    if (this.stream !== undefined || this.role === 'sparse-extension') {
      const needed = this.remain || BLOCK - (this.partial?.length ?? 0)
      return new TarFormatError(
        'truncated',
        `the archive ends ${needed} bytes short of its last entry`
      )
    }
    if (this.role === 'header' && !this.done) {
      if (this.chain.length > 0)
        return new TarFormatError(
          'truncated',
          'the archive ends after an extension header, before its entry'
        )
      if (!this.sawEntry)
        return new TarFormatError('not-tar', 'the gzip data does not hold a tar archive')
      if (this.partial !== undefined)
        this.visitor.archiveProblem(
          `the archive ends ${BLOCK - this.partial.length} bytes into a header block: pip's tarfile stops before it, GNU tar reports the archive truncated`
        )
    }
    if (!this.sawEntry) return new TarFormatError('empty', 'the archive holds no entries')
    return null
  }

  private consume(chunk: Buffer): void {
    let at = 0
    while (at < chunk.length && !this.done) {
      if (this.stream !== undefined) at += this.takeStream(chunk, at)
      else at += this.takeBlock(chunk, at)
    }
  }

  private takeStream(chunk: Buffer, at: number): number {
    const take = Math.min(this.remain, chunk.length - at)
    const part = chunk.subarray(at, at + take)
    const stream = this.stream
    if (stream?.kind === 'entry') {
      if (stream.content > 0) {
        stream.sink?.data(part.subarray(0, stream.content))
        stream.content -= Math.min(stream.content, take)
      }
    } else if (stream?.kind === 'meta') stream.parts.push(Buffer.from(part))
    this.remain -= take
    this.offset += take
    if (this.remain === 0) this.endStream()
    return take
  }

  private takeBlock(chunk: Buffer, at: number): number {
    let block: Buffer
    let take: number
    if (this.partial === undefined && chunk.length - at >= BLOCK) {
      block = chunk.subarray(at, at + BLOCK)
      take = BLOCK
    } else {
      const have = this.partial?.length ?? 0
      take = Math.min(BLOCK - have, chunk.length - at)
      block = Buffer.concat([this.partial ?? Buffer.alloc(0), chunk.subarray(at, at + take)])
      if (block.length < BLOCK) {
        this.partial = block
        return take
      }
      this.partial = undefined
    }
    const start = this.offset
    this.offset += BLOCK
    if (this.role === 'header') this.header(block, start)
    else if (this.role === 'sparse-extension') this.sparseExtension(block, start)
    else this.afterEnd(block, start)
    return take
  }

  /** Reads `bytes` of the stream next (`content` of them to the entry's sink). */
  private startStream(stream: Stream, bytes: number): void {
    if (bytes === 0) {
      this.stream = stream
      this.endStream()
      return
    }
    this.stream = stream
    this.remain = bytes
  }

  private endStream(): void {
    const stream = this.stream
    this.stream = undefined
    if (stream?.kind === 'entry') stream.sink?.end()
    else if (stream?.kind === 'meta') this.extension(stream, Buffer.concat(stream.parts))
  }

  private header(block: Buffer, start: number): void {
    if (this.chain.length === 0) this.chainStart = start
    if (block.equals(ZERO_BLOCK)) return this.zeroBlock()
    if (!checksumValid(block)) return this.invalidHeader(start, 'it fails its checksum')
    const size = headerNumber(block, 124, 12)
    const decoded = size === undefined ? undefined : decode(block, size)
    if (size === undefined || decoded === undefined)
      return this.invalidHeader(start, 'a number field is not a number')
    if (size < 0) throw new TarFormatError('corrupt', 'a header declares a negative size')
    const { code } = decoded
    if (PAX_TYPES.has(code) || LONG_TYPES.has(code)) {
      refuseDeclared(decoded.name, start + BLOCK + padded(size), this.maxBytes)
      // tarfile reads the whole padded body: records and names in the padding count.
      if (padded(size) > MAX_META_BYTES) {
        this.visitor.ignored(this.plainHeader(decoded.name, code, size))
        this.chain.push({ kind: 'skipped' })
        this.startStream({ kind: 'skip' }, padded(size))
      } else this.startStream({ kind: 'meta', code, declared: size, parts: [] }, padded(size))
      return
    }
    if (code === 'S') return this.sparseHeader(block, decoded)
    this.member(decoded, NO_DATA.has(code) ? 0 : size)
  }

  /** tarfile ends the archive at its first zero block; the end marker is two. */
  private zeroBlock(): void {
    if (this.chain.length > 0)
      throw new TarFormatError(
        'corrupt',
        'an extension header is followed by the end of the archive instead of its entry'
      )
    if (!this.sawEntry) throw new TarFormatError('empty', 'the archive holds no entries')
    this.sawEndMarker = true
    this.role = 'after-end'
  }

  private afterEnd(block: Buffer, start: number): void {
    this.done = true
    if (!block.equals(ZERO_BLOCK))
      this.visitor.archiveProblem(
        `a lone zero block at byte ${start - BLOCK} ends the archive for pip's tarfile (and GNU tar); what follows is read by readers that skip zero blocks (node-tar, tar --ignore-zeros)`
      )
  }

  /** tarfile stops reading at a bad header after the first (and fails on one after an extension). */
  private invalidHeader(start: number, why: string, inChain = this.chain.length > 0): void {
    if (inChain)
      throw new TarFormatError(
        'corrupt',
        `a header after an extension header is not valid (${why})`
      )
    if (!this.sawEntry) throw new TarFormatError('not-tar', 'the first header is not valid')
    this.done = true
    this.visitor.archiveProblem(
      `the header at byte ${start} is not valid (${why}): pip's tarfile stops reading there, GNU tar skips to the next header and reads on`
    )
  }

  private plainHeader(path: string, code: string, size: number): TarEntryHeader {
    const type = PAX_TYPES.has(code) ? 'ExtendedHeader' : 'LongName'
    return { path, type, mode: undefined, size, linkpath: undefined }
  }

  private extension(stream: { code: string; declared: number }, body: Buffer): void {
    const { code, declared } = stream
    if (LONG_TYPES.has(code)) {
      const value = fieldText(body, 0, body.length)
      const declaredValue = fieldText(body, 0, declared)
      if (value !== declaredValue)
        this.visitor.archiveProblem(
          `a GNU long name runs on into its padding: pip's tarfile reads "${value}", GNU tar and node-tar "${declaredValue}"`
        )
      this.chain.push({ kind: code as 'L' | 'K', value })
      return
    }
    const parsed = paxRecords(body)
    if (parsed.invalid) {
      // tarfile raises on a zero record length: the archive ends there (or fails inside a chain).
      this.invalidHeader(this.offset - body.length - BLOCK, 'a pax record has length 0')
      return
    }
    if (parsed.end > declared)
      this.visitor.archiveProblem(
        `a pax header holds records past its declared ${declared} bytes: pip's tarfile applies them, GNU tar and node-tar do not`
      )
    if (code === 'g') {
      for (const [key, value] of parsed.records) this.globals.set(key, value)
      const keys = [...parsed.records.keys()].filter(k => NAMING_KEYS.has(k))
      if (keys.length > 0)
        this.visitor.archiveProblem(
          `a global pax header sets ${keys.join(', ')} for every entry after it: pip's tarfile applies them, node-tar ignores a global path`
        )
      this.chain.push({ kind: 'g' })
    } else {
      const snapshot: PaxRecords = new Map(this.globals)
      for (const [key, value] of parsed.records) snapshot.set(key, value)
      this.chain.push({ kind: 'x', snapshot, local: parsed.records })
    }
  }

  /** An old GNU sparse header: its map may go on in extension blocks before the data. */
  private sparseHeader(block: Buffer, decoded: Decoded): void {
    const inChain = this.chain.length > 0
    const resolved = this.resolve(decoded, decoded.size)
    const realSize = headerNumber(block, 483, 12) ?? 0
    this.pendingSparse = {
      header: { ...resolved.header, size: realSize },
      step: resolved.step,
      inChain
    }
    if (block[482]) this.role = 'sparse-extension'
    else this.finishSparse()
  }

  private sparseExtension(block: Buffer, start: number): void {
    for (let i = 0; i < 21; i++) {
      if (
        headerNumber(block, i * 24, 12) === undefined ||
        headerNumber(block, i * 24 + 12, 12) === undefined
      ) {
        this.role = 'header'
        const inChain = this.pendingSparse?.inChain
        this.pendingSparse = undefined
        return this.invalidHeader(start, 'a sparse map holds a bad number', inChain)
      }
    }
    if (!block[504]) this.finishSparse()
  }

  private finishSparse(): void {
    this.role = 'header'
    const pending = this.pendingSparse
    this.pendingSparse = undefined
    if (!pending) return
    this.sawEntry = true
    this.visitor.ignored({ ...pending.header, type: 'SparseFile' })
    this.startStream({ kind: 'skip' }, padded(pending.step))
  }

  /** A member header: its extensions applied as tarfile applies them, then its body. */
  private member(decoded: Decoded, dataSize: number): void {
    const { header, step, content } = this.resolve(decoded, dataSize)
    this.sawEntry = true
    if (header.type === 'SparseFile') {
      this.visitor.ignored(header)
      return this.startStream({ kind: 'skip' }, padded(step))
    }
    const sink = this.visitor.entry(header)
    this.startStream({ kind: 'entry', sink, content: Math.min(content, step) }, padded(step))
  }

  private resolve(decoded: Decoded, dataSize: number): ResolvedMember {
    const resolved = resolveMember(decoded, dataSize, {
      chain: this.chain,
      globals: this.globals,
      chainStart: this.chainStart,
      shadow: this.shadow,
      maxBytes: this.maxBytes
    })
    this.shadow = resolved.shadow
    this.chain = []
    return resolved
  }
}
