import { describeMagic, fieldText, headerNumber, isCanonicalOctal } from './tar-fields.js'

/** A tar header block decoded as tarfile decodes it, and what its type code means to tarfile. */

export const PAX_TYPES = new Set(['x', 'g', 'X'])
export const LONG_TYPES = new Set(['L', 'K'])
/** tarfile's other SUPPORTED_TYPES: no data, whatever the size field says. */
export const NO_DATA = new Set(['1', '2', '3', '4', '5', '6'])
export const TYPE_NAMES: Record<string, string> = {
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
export const LINK_TYPES = new Set(['1', '2'])
/** Types tarfile reads as regular files although other readers give them a meaning of their own. */
export const FILE_LIKE = new Set(['A', 'D', 'I', 'M', 'N', 'V'])

/** A member header as tarfile's `frombuf` decodes it. */
export interface Decoded {
  code: string
  name: string
  size: number
  mode: number
  linkname: string
  /** The prefix field joined to the name where the magic is not ustar's. */
  foreignPrefix?: string
  sizeField?: string
}

/** tarfile's `frombuf`; undefined where tarfile finds the header invalid. */
export function decode(block: Buffer, size: number): Decoded | undefined {
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

export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u00ff]/g, c => `\\x${c.charCodeAt(0).toString(16)}`)
}
