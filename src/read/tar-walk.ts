import { Writable } from 'node:stream'
import {
  BLOCK,
  checksumValid,
  describeMagic,
  fieldText,
  headerNumber,
  isCanonicalOctal,
  padded,
  paxRecords,
  pythonInt,
  type PaxRecords
} from './tar-fields.js'

/**
 * The tar block walk, read as Python's tarfile reads it (pip unpacks sdists with tarfile, in
 * `untar_file`): which types carry data, how pax and GNU records apply, where the archive ends. Written
 * here because node-tar reads several of these differently, and where tarfile and the other readers
 * (GNU tar, node-tar) disagree the entry is flagged, naming what each sees. Python's tarfile is the
 * oracle in the tests, on every real sdist and on thousands of generated archives.
 */

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

const ZERO_BLOCK = Buffer.alloc(BLOCK)
/** pax and GNU long-name records larger than this are skipped (and flagged). */
const MAX_META_BYTES = 1024 ** 2
const PAX_TYPES = new Set(['x', 'g', 'X'])
const LONG_TYPES = new Set(['L', 'K'])
/** tarfile's other SUPPORTED_TYPES: no data, whatever the size field says. */
const NO_DATA = new Set(['1', '2', '3', '4', '5', '6'])
const TYPE_NAMES: Record<string, string> = {
  '': 'File',
  '0': 'File',
  '1': 'Link',
  '2': 'SymbolicLink',
  '3': 'CharacterDevice',
  '4': 'BlockDevice',
  '5': 'Directory',
  '6': 'FIFO',
  '7': 'ContiguousFile',
  A: 'SolarisACL',
  D: 'GNUDumpDir',
  I: 'Inode',
  M: 'ContinuationFile',
  N: 'OldGnuLongPath',
  S: 'SparseFile',
  V: 'TapeVolumeHeader'
}
const LINK_TYPES = new Set(['1', '2'])
/** Types tarfile reads as regular files although other readers give them a meaning of their own. */
const FILE_LIKE = new Set(['A', 'D', 'I', 'M', 'N', 'V'])

/** One extension header before an entry, as tarfile keeps it. */
type Extension =
  | { kind: 'L' | 'K'; value: string }
  | { kind: 'x'; snapshot: PaxRecords; local: PaxRecords }
  | { kind: 'g' | 'skipped' }

/** A member header as tarfile's `frombuf` decodes it. */
interface Decoded {
  code: string
  name: string
  size: number
  mode: number
  linkname: string
  /** The prefix field joined to the name where the magic is not ustar's. */
  foreignPrefix?: string
  sizeField?: string
}

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
  /** Bytes other readers skip as the data of a link or folder that tarfile reads as headers. */
  private shadow: { until: number; owner: string } | undefined

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
      this.refuseDeclared(decoded.name, start + BLOCK + padded(size))
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

  private refuseDeclared(path: string, end: number): void {
    if (end > this.maxBytes) throw new DeclaredTooLarge(path, end)
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

  /**
   * tarfile applies the global records to the member itself, then each extension header from the
   * innermost out, so the first of two records wins; a local pax header re-applies the global records
   * it was read with. The step to the next header is the data size of the header, or of the size
   * record once a pax header with one applies.
   */
  private resolve(
    decoded: Decoded,
    dataSize: number
  ): { header: TarEntryHeader; step: number; content: number } {
    const { code } = decoded
    const start = this.chainStart
    const hasData = !NO_DATA.has(code)
    const state = { name: decoded.name, linkname: decoded.linkname, size: decoded.size }
    const local = { ...state }
    let step = hasData ? dataSize : 0
    let sparse = code === 'S'
    const disagreements: string[] = []
    const note = (reason: string) => {
      if (!disagreements.includes(reason)) disagreements.push(reason)
    }
    if (code !== 'S') applyPax(state, this.globals, note)
    for (const extension of [...this.chain].reverse()) {
      if (extension.kind === 'L') state.name = local.name = extension.value
      else if (extension.kind === 'K') state.linkname = local.linkname = extension.value
      else if (extension.kind === 'x') {
        applyPax(state, extension.snapshot, note)
        applyPax(local, extension.local)
        if (extension.snapshot.has('size')) step = hasData ? state.size : 0
        if (isSparse(extension.snapshot)) {
          if (extension.snapshot.has('size'))
            throw new TarFormatError('corrupt', 'a pax sparse file also has a size record')
          sparse = true
        }
      }
    }
    if (isSparse(this.globals)) sparse = true
    const unsupported = !(code in TYPE_NAMES) || FILE_LIKE.has(code)
    const type = unsupported ? 'File' : sparse ? 'SparseFile' : (TYPE_NAMES[code] ?? 'File')
    if (unsupported)
      note(
        `${TYPE_NAMES[code] ?? `type "${printable(code)}"`} tar entry: pip's tarfile reads it as a regular file of ${state.size} bytes (pip extracts it as one where Python lacks tarfile's data filter, and refuses the archive where it has it); GNU tar and node-tar do not read a file`
      )
    const declared = Math.max(decoded.size, Number.isSafeInteger(state.size) ? state.size : 0)
    if (!hasData && declared > 0)
      note(
        `${type} header declares ${declared} bytes of data: pip's tarfile reads none and takes the next header right after it, GNU tar and node-tar skip those bytes`
      )
    if ((type === 'File' || type === 'ContiguousFile') && state.name.endsWith('/')) {
      note(
        `a file header named "${state.name}": pip's tarfile writes a file there, GNU tar and node-tar a folder`
      )
      state.name = state.name.replace(/\/+$/, '')
      local.name = local.name.replace(/\/+$/, '')
    }
    if (decoded.foreignPrefix !== undefined && state.name === decoded.name)
      note(
        `named with the ustar prefix field "${decoded.foreignPrefix}" in a header without ustar's magic: pip's tarfile joins it, GNU tar and node-tar read the name without it`
      )
    if (state.name !== local.name)
      note(
        `named by a global pax header (its own headers say "${local.name}"): pip's tarfile applies global paths, node-tar ignores them`
      )
    if (hasData && state.size !== local.size)
      note(
        `a global pax size record makes it ${state.size} bytes (its own headers say ${local.size}): pip's tarfile takes that many bytes from its data, other readers its own size`
      )
    if (decoded.sizeField !== undefined)
      note(
        `its size field "${decoded.sizeField}" is not plain octal: pip's tarfile reads ${decoded.size}, GNU tar and node-tar read it differently or refuse it`
      )
    if (this.shadow && start < this.shadow.until)
      note(
        `read by pip's tarfile from bytes that GNU tar and node-tar skip as the data of "${this.shadow.owner}"`
      )
    else this.shadow = undefined
    if (!hasData && declared > 0)
      this.shadow = { until: start + BLOCK + padded(declared), owner: state.name }
    const linkpath = LINK_TYPES.has(code) ? state.linkname : undefined
    if (linkpath === '')
      note(
        "a link with no target: pip's tarfile reads it (and skips it on extraction), GNU tar refuses it"
      )
    if (hasData && state.size < 0)
      throw new TarFormatError('corrupt', `"${state.name}" has a negative size`)
    this.refuseDeclared(state.name, start + BLOCK + padded(step))
    if (hasData) this.refuseDeclared(state.name, state.size)
    const conflicts = chainConflicts(this.chain)
    this.chain = []
    return {
      header: {
        path: state.name,
        type,
        mode: decoded.mode,
        size: hasData ? state.size : 0,
        linkpath,
        ...(conflicts.length > 0 && { conflicts }),
        ...(disagreements.length > 0 && { disagreements })
      },
      step,
      content: hasData ? state.size : 0
    }
  }
}

const NAMING_KEYS = new Set([
  'path',
  'linkpath',
  'size',
  'GNU.sparse.name',
  'GNU.sparse.size',
  'GNU.sparse.realsize'
])

function isSparse(records: PaxRecords): boolean {
  return (
    records.has('GNU.sparse.map') ||
    records.has('GNU.sparse.size') ||
    (records.get('GNU.sparse.major') === '1' && records.get('GNU.sparse.minor') === '0')
  )
}

/** tarfile's `_apply_pax_info`: the records that replace a header's name, link and size. */
function applyPax(
  state: { name: string; linkname: string; size: number },
  records: PaxRecords,
  note?: (reason: string) => void
): void {
  for (const [key, value] of records) {
    if (key === 'path') state.name = value.replace(/\/+$/, '')
    else if (key === 'GNU.sparse.name') state.name = value
    else if (key === 'linkpath') state.linkname = value
    else if (key === 'size') {
      state.size = paxSize(value) ?? 0
      if (!/^\d+$/.test(value))
        note?.(
          `a pax size "${value.slice(0, 40)}" that pip's tarfile reads as ${state.size}: GNU tar and node-tar refuse it or read it otherwise`
        )
    } else if (key === 'GNU.sparse.size' || key === 'GNU.sparse.realsize') {
      const size = paxSize(value)
      // tarfile's int() raises here, and pip fails.
      if (size === undefined)
        throw new TarFormatError('corrupt', `a pax ${key} "${value.slice(0, 40)}" is not a number`)
      state.size = size
    }
  }
}

/** A pax size as Python's int() reads it; undefined where int() raises (tarfile then uses 0). */
function paxSize(value: string): number | undefined {
  const size = pythonInt(value)
  if (size === 'unreadable')
    throw new TarFormatError('corrupt', `a pax size "${value.slice(0, 40)}" is not a plain number`)
  return size
}

/** Two extension records naming the entry differently (tarfile takes the first, node-tar the last). */
function chainConflicts(chain: Extension[]): string[] {
  const conflicts: string[] = []
  const fields = [
    ['path', 'L', ['path', 'GNU.sparse.name']],
    ['linkpath', 'K', ['linkpath']],
    ['size', '', ['size']]
  ] as const
  for (const [field, long, keys] of fields) {
    const values: string[] = []
    for (const extension of chain) {
      if (extension.kind === long) values.push(extension.value)
      if (extension.kind === 'x')
        for (const key of keys) {
          const value = extension.local.get(key)
          if (value !== undefined) values.push(value)
        }
    }
    const [first] = values
    const second = values.find(v => v !== first)
    if (first !== undefined && second !== undefined)
      conflicts.push(`${field} "${first}" or "${second}"`)
  }
  return conflicts
}

/** tarfile's `frombuf`; undefined where tarfile finds the header invalid. */
function decode(block: Buffer, size: number): Decoded | undefined {
  let code = String.fromCharCode(block[156] ?? 0).replace('\0', '')
  const numbers = [100, 108, 116, 136, 329, 337].map((at, i) =>
    headerNumber(block, at, i === 3 ? 12 : 8)
  )
  if (numbers.some(n => n === undefined)) return undefined
  if (code === 'S') {
    for (let at = 386; at < 482; at += 12)
      if (headerNumber(block, at, 12) === undefined) return undefined
    if (headerNumber(block, 483, 12) === undefined) return undefined
  }
  let name = fieldText(block, 0, 100)
  // An old (v7) folder: a regular-file type with a name ending in "/".
  if (code === '' && name.endsWith('/')) code = '5'
  if (code === '5') name = name.replace(/\/+$/, '')
  const prefix = fieldText(block, 345, 155)
  let foreignPrefix: string | undefined
  if (prefix && !['L', 'K', 'S'].includes(code)) {
    name = `${prefix}/${name}`
    if (describeMagic(block) !== 'ustar') foreignPrefix = prefix
  }
  return {
    code,
    name,
    size,
    mode: numbers[0] ?? 0,
    linkname: fieldText(block, 157, 100),
    ...(foreignPrefix !== undefined && { foreignPrefix }),
    ...(!isCanonicalOctal(block, 124, 12) && {
      sizeField: printable(block.toString('latin1', 124, 136))
    })
  }
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u00ff]/g, c => `\\x${c.charCodeAt(0).toString(16)}`)
}
