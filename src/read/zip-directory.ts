import type { FileHandle } from 'node:fs/promises'
import { crc32 } from 'node:zlib'

/**
 * A wheel's central directory as Python's zipfile reads it (pip installs what zipfile reads), and
 * what readers that follow the end record's offset would read instead. Written here because no
 * JavaScript reader finds the directory as zipfile does: zipfile reads the `size` bytes just before
 * the end record and shifts every offset by how far that is from where the end record says ("concat").
 */

const END = 0x06054b50
const END64 = 0x06064b50
const LOCATOR64 = 0x07064b50
const CENTRAL = 0x02014b50
const END_SIZE = 22
const END64_SIZE = 56
const LOCATOR64_SIZE = 20
const CENTRAL_SIZE = 46
/** zipfile 3.11 searches this far before the last 22 bytes (1 << 16). */
const COMMENT_SEARCH = 1 << 16
/** zipfile refuses entries needing a later version (`MAX_EXTRACT_VERSION`). */
const MAX_EXTRACT_VERSION = 63
const UTF8_FLAG = 1 << 11

/** TextDecoder has no cp437, zipfile's encoding for names not flagged UTF-8: bytes 0x80–0xFF. */
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0'
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** A zip that zipfile itself would not open or read: pip fails on it. */
export class ZipfileError extends Error {}

export interface CentralEntry {
  /** Position in the central directory: zipfile's infolist order. */
  index: number
  rawName: Buffer
  /** The name as zipfile decodes it (`orig_filename`): UTF-8 when flagged so, else cp437. */
  origName: string
  /** zipfile's `filename`: cut at the first NUL. This is the name pip installs. */
  name: string
  flags: number
  method: number
  crc: number
  compressedSize: number
  uncompressedSize: number
  /** Where the local header is, as zipfile computes it (the stored offset plus `concat`). */
  headerOffset: number
  externalAttributes: number
  /** What readers other than zipfile would take for its name, when it differs (NUL, extra fields). */
  otherNames: string[]
}

export interface ZipDirectory {
  entries: CentralEntry[]
  /** Where the central directory zipfile reads starts: entries' data must end before it. */
  start: number
  /** Where readers that follow the end record's stored offset would read something else. */
  ambiguities: string[]
  /** Entries of the directory at the end record's stored offset, when that is another directory. */
  offsetEntries?: CentralEntry[]
}

interface EndRecord {
  location: number
  zip64: boolean
  diskNumber: number
  diskStart: number
  entriesThisDisk: number
  entriesTotal: number
  size: number
  offset: number
  commentLength: number
  /** Bytes after the 22-byte record. */
  trailing: number
  notes: string[]
}

/** zipfile's name decoding: strict UTF-8 under flag bit 11 (an error fails the open), else cp437. */
export function decodeZipName(raw: Buffer, flags: number): string {
  if (flags & UTF8_FLAG) {
    try {
      return utf8.decode(raw)
    } catch {
      throw new ZipfileError('a name flagged UTF-8 is not valid UTF-8 (zipfile fails to open it)')
    }
  }
  let name = ''
  for (const byte of raw) name += byte < 0x80 ? String.fromCharCode(byte) : CP437_HIGH[byte - 0x80]
  return name
}

/** Reads the central directory as zipfile's `_RealGetContents` does, at most `maxEntries` of it. */
export async function readZipDirectory(
  handle: FileHandle,
  size: number,
  maxEntries: number
): Promise<ZipDirectory> {
  const end = await endRecord(handle, size)
  const start = end.location - end.size - (end.zip64 ? END64_SIZE + LOCATOR64_SIZE : 0)
  if (start < 0) throw new ZipfileError('bad offset for central directory')
  const concat = start - end.offset
  const region = await bytes(handle, start, Math.min(end.size, size - start))
  const { entries, consumed } = parseDirectory(region, end.size, concat, maxEntries)
  const ambiguities = [...end.notes]
  let offsetEntries: CentralEntry[] | undefined
  if (concat !== 0) {
    offsetEntries = await directoryAtOffset(handle, size, end, maxEntries)
    ambiguities.push(
      offsetEntries
        ? `two central directories: the end record's offset points at one at byte ${end.offset} (${offsetEntries.length} entries), zipfile reads the one at byte ${start} (${entries.length} entries) from the end record's position and size`
        : `${concat > 0 ? concat : -concat} bytes ${concat > 0 ? 'before the zip' : 'missing from its start'}: zipfile reads the central directory at byte ${start} and shifts every offset by ${concat}; readers that follow the end record's offset (${end.offset}) find no central directory there`
    )
  }
  if (consumed !== end.size)
    ambiguities.push(
      `the central directory's records take ${consumed} bytes, the end record says ${end.size}`
    )
  if (end.entriesTotal !== entries.length || end.entriesThisDisk !== entries.length)
    ambiguities.push(
      `the end record counts ${end.entriesTotal} entries, its central directory holds ${entries.length}: readers that count read other entries`
    )
  if (end.diskNumber !== 0 || end.diskStart !== 0)
    ambiguities.push('the end record names another disk: other readers refuse it')
  return { entries, start, ambiguities, ...(offsetEntries && { offsetEntries }) }
}

/** zipfile's `_EndRecData` and `_EndRecData64`, with what other readers would find instead. */
async function endRecord(handle: FileHandle, size: number): Promise<EndRecord> {
  if (size < END_SIZE) throw new ZipfileError('file is not a zip file')
  const last = await bytes(handle, size - END_SIZE, END_SIZE)
  let location: number
  if (last.readUInt32LE(0) === END && last.readUInt16LE(20) === 0) {
    location = size - END_SIZE
  } else {
    const from = Math.max(size - COMMENT_SEARCH - END_SIZE, 0)
    const tail = await bytes(handle, from, size - from)
    const at = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
    if (at < 0 || tail.length - at < END_SIZE) throw new ZipfileError('file is not a zip file')
    location = from + at
  }
  const record = await bytes(handle, location, END_SIZE)
  const end: EndRecord = {
    location,
    zip64: false,
    diskNumber: record.readUInt16LE(4),
    diskStart: record.readUInt16LE(6),
    entriesThisDisk: record.readUInt16LE(8),
    entriesTotal: record.readUInt16LE(10),
    size: record.readUInt32LE(12),
    offset: record.readUInt32LE(16),
    commentLength: record.readUInt16LE(20),
    trailing: size - location - END_SIZE,
    notes: []
  }
  if (end.commentLength !== end.trailing)
    end.notes.push(
      `the end record's comment is ${end.commentLength} bytes but ${end.trailing} follow it: readers that search for the end record differently find another`
    )
  const from = Math.max(size - COMMENT_SEARCH - END_SIZE, 0)
  const tail = await bytes(handle, from, size - from)
  const signature = Buffer.from([0x50, 0x4b, 0x05, 0x06])
  for (
    let at = tail.indexOf(signature);
    at >= 0 && from + at < location;
    at = tail.indexOf(signature, at + 1)
  )
    if (at + END_SIZE <= tail.length && tail.readUInt16LE(at + 20) === tail.length - at - END_SIZE)
      end.notes.push(
        `a second end record at byte ${from + at}, whose comment holds the one zipfile reads at byte ${location}: readers that take the first read another central directory`
      )
  await applyZip64(handle, end)
  return end
}

async function applyZip64(handle: FileHandle, end: EndRecord): Promise<void> {
  if (end.location < LOCATOR64_SIZE) return
  const locator = await bytes(handle, end.location - LOCATOR64_SIZE, LOCATOR64_SIZE)
  if (locator.readUInt32LE(0) !== LOCATOR64) return
  if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) > 1)
    throw new ZipfileError('zipfiles that span multiple disks are not supported')
  const at = end.location - LOCATOR64_SIZE - END64_SIZE
  if (at < 0) throw new ZipfileError('file is not a zip file')
  const record = await bytes(handle, at, END64_SIZE)
  if (record.readUInt32LE(0) !== END64) {
    end.notes.push(
      'a zip64 locator without its zip64 end record: zipfile reads the 32-bit end record, zip64 readers refuse'
    )
    return
  }
  const stated = Number(locator.readBigUInt64LE(8))
  if (stated !== at)
    end.notes.push(
      `the zip64 locator points at byte ${stated}, zipfile reads the zip64 end record at byte ${at}`
    )
  const zip64 = {
    diskNumber: record.readUInt32LE(16),
    diskStart: record.readUInt32LE(20),
    entriesThisDisk: Number(record.readBigUInt64LE(24)),
    entriesTotal: Number(record.readBigUInt64LE(32)),
    size: Number(record.readBigUInt64LE(40)),
    offset: Number(record.readBigUInt64LE(48))
  }
  const sentinel = {
    entriesThisDisk: 0xffff,
    entriesTotal: 0xffff,
    size: 0xffffffff,
    offset: 0xffffffff
  }
  for (const field of ['entriesThisDisk', 'entriesTotal', 'size', 'offset'] as const)
    if (end[field] !== sentinel[field] && end[field] !== zip64[field])
      end.notes.push(
        `the zip64 end record's ${field} (${zip64[field]}) contradicts the end record's (${end[field]}): readers that trust the 32-bit record read another directory`
      )
  Object.assign(end, zip64, { zip64: true })
}

/** The records of a central directory, read as zipfile reads them (short reads are not errors). */
function parseDirectory(
  region: Buffer,
  declared: number,
  concat: number,
  maxEntries: number,
  count?: number
): { entries: CentralEntry[]; consumed: number } {
  const entries: CentralEntry[] = []
  let at = 0
  const take = (n: number) => {
    const piece = region.subarray(at, at + n)
    at += piece.length
    return piece
  }
  let total = 0
  while (count === undefined ? total < declared : entries.length < count) {
    if (entries.length >= maxEntries) throw new TooManyEntries(maxEntries)
    const record = take(CENTRAL_SIZE)
    if (record.length !== CENTRAL_SIZE) throw new ZipfileError('truncated central directory')
    if (record.readUInt32LE(0) !== CENTRAL)
      throw new ZipfileError('bad magic number for central directory')
    const nameLength = record.readUInt16LE(28)
    const extraLength = record.readUInt16LE(30)
    const commentLength = record.readUInt16LE(32)
    const flags = record.readUInt16LE(8)
    const rawName = Buffer.from(take(nameLength))
    const extra = take(extraLength)
    take(commentLength)
    if (record[6] !== undefined && record[6] > MAX_EXTRACT_VERSION)
      throw new ZipfileError(`zip file version ${record[6] / 10}`)
    const origName = decodeZipName(rawName, flags)
    const entry: CentralEntry = {
      index: entries.length,
      rawName,
      origName,
      name: origName.includes('\0') ? origName.slice(0, origName.indexOf('\0')) : origName,
      flags,
      method: record.readUInt16LE(10),
      crc: record.readUInt32LE(16),
      compressedSize: record.readUInt32LE(20),
      uncompressedSize: record.readUInt32LE(24),
      headerOffset: record.readUInt32LE(42),
      externalAttributes: record.readUInt32LE(38),
      otherNames: []
    }
    if (entry.name !== origName) entry.otherNames.push(origName)
    decodeExtra(entry, extra)
    entry.headerOffset += concat
    entries.push(entry)
    total += CENTRAL_SIZE + nameLength + extraLength + commentLength
  }
  return { entries, consumed: total }
}

/** zipfile's `_decodeExtra`: zip64 sizes and offset; a Unicode path field newer zipfiles honour. */
function decodeExtra(entry: CentralEntry, extra: Buffer): void {
  let rest = extra
  while (rest.length >= 4) {
    const type = rest.readUInt16LE(0)
    const length = rest.readUInt16LE(2)
    if (length + 4 > rest.length)
      throw new ZipfileError(`corrupt extra field ${type.toString(16).padStart(4, '0')}`)
    let data = rest.subarray(4, length + 4)
    const next64 = (field: string) => {
      if (data.length < 8) throw new ZipfileError(`corrupt zip64 extra field: ${field} not found`)
      const value = Number(data.readBigUInt64LE(0))
      data = data.subarray(8)
      return value
    }
    if (type === 0x0001) {
      // zipfile also takes 2**64 - 1, which only an earlier zip64 field can have set.
      if (entry.uncompressedSize === 0xffffffff || entry.uncompressedSize === 2 ** 64)
        entry.uncompressedSize = next64('file size')
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next64('compress size')
      if (entry.headerOffset === 0xffffffff) entry.headerOffset = next64('header offset')
    } else if (type === 0x7075 && data.length >= 5 && data[0] === 1) {
      if (data.readUInt32LE(1) === crc32(entry.rawName) >>> 0) {
        const unicode = data.subarray(5).toString('utf8')
        if (unicode !== entry.name) entry.otherNames.push(unicode)
      }
    }
    rest = rest.subarray(length + 4)
  }
}

/** The directory a reader following the end record's stored offset and count would read, if any. */
async function directoryAtOffset(
  handle: FileHandle,
  size: number,
  end: EndRecord,
  maxEntries: number
): Promise<CentralEntry[] | undefined> {
  if (end.offset >= size) return undefined
  try {
    const region = await bytes(handle, end.offset, Math.min(end.size, size - end.offset))
    return parseDirectory(region, end.size, 0, maxEntries, end.entriesTotal).entries
  } catch {
    return undefined
  }
}

export class TooManyEntries extends Error {
  constructor(readonly cap: number) {
    super(`holds more than ${cap} entries; refused at that cap`)
  }
}

async function bytes(handle: FileHandle, from: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.max(length, 0))
  let done = 0
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, from + done)
    if (bytesRead === 0) break
    done += bytesRead
  }
  return buffer.subarray(0, done)
}
