// Raw tar blocks for tests that need headers no archiver writes: sizes on links, GNU types, records in
// padding, prefix fields under other magic. Every block gets a valid checksum unless told otherwise.
import { writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

export interface RawHeader {
  name: string
  /** The type flag byte: '0', '2', 'D', 'x', '\0', … */
  type?: string
  size?: number
  /** The size field's 12 bytes verbatim, instead of `size` in octal. */
  sizeField?: Buffer
  linkname?: string
  mode?: number
  /** Bytes 257–264: 'ustar\000' (POSIX), 'ustar  \0' (GNU), or anything. */
  magic?: string
  prefix?: string
  /** Bytes written over the header at an offset, before the checksum. */
  patch?: { at: number; bytes: Buffer }[]
  badChecksum?: boolean
}

const octal = (value: number, width: number) => value.toString(8).padStart(width - 1, '0') + '\0'

export function header(spec: RawHeader): Buffer {
  const block = Buffer.alloc(512)
  block.write(spec.name, 0, 100, 'utf8')
  block.write(octal(spec.mode ?? 0o644, 8), 100, 'latin1')
  block.write(octal(0, 8), 108, 'latin1')
  block.write(octal(0, 8), 116, 'latin1')
  if (spec.sizeField) spec.sizeField.copy(block, 124, 0, 12)
  else block.write(octal(spec.size ?? 0, 12), 124, 'latin1')
  block.write(octal(0o14707530525, 12), 136, 'latin1')
  block.write(spec.type ?? '0', 156, 'latin1')
  block.write(spec.linkname ?? '', 157, 100, 'utf8')
  block.write(spec.magic ?? 'ustar\u000000', 257, 'latin1')
  if (spec.prefix) block.write(spec.prefix, 345, 155, 'utf8')
  for (const { at, bytes } of spec.patch ?? []) bytes.copy(block, at)
  block.fill(0x20, 148, 156)
  let sum = 0
  for (const byte of block) sum += byte
  if (spec.badChecksum) sum += 1
  block.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1')
  return block
}

export const pad = (body: Buffer, fill = 0) =>
  Buffer.concat([body, Buffer.alloc((512 - (body.length % 512)) % 512, fill)])

/** A member: its header (size from the body unless given) and its padded body. */
export function member(spec: RawHeader, body: Buffer | string = Buffer.alloc(0)): Buffer {
  const bytes = Buffer.from(body)
  return Buffer.concat([header({ size: bytes.length, ...spec }), pad(bytes)])
}

/** pax records, each `<length> <key>=<value>\n` with its true length. */
export function paxRecords(records: [string, string][]): Buffer {
  return Buffer.concat(
    records.map(([key, value]) => {
      const tail = ` ${key}=${value}\n`
      let length = Buffer.byteLength(tail) + 1
      while (String(length).length + Buffer.byteLength(tail) !== length) length++
      return Buffer.from(`${length}${tail}`)
    })
  )
}

export function pax(type: 'x' | 'g', records: [string, string][]): Buffer {
  return member(
    { name: type === 'g' ? 'pax_global_header' : 'PaxHeaders/x', type },
    paxRecords(records)
  )
}

export const END = Buffer.alloc(1024)

/** Writes the blocks gzip-compressed, as an sdist. */
export function writeTarGz(file: string, ...blocks: Buffer[]): string {
  writeFileSync(file, gzipSync(Buffer.concat(blocks), { level: 1 }))
  return file
}
