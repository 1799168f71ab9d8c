import { pythonInt, type PaxRecords } from './tar-fields.js'
import { TarFormatError } from './tar-entry.js'

/** pax and GNU long-name records: what they hold and how tarfile applies them to a header. */

/** One extension header before an entry, as tarfile keeps it. */
export type Extension =
  | { kind: 'L' | 'K'; value: string }
  | { kind: 'x'; snapshot: PaxRecords; local: PaxRecords }
  | { kind: 'g' | 'skipped' }

export const NAMING_KEYS = new Set([
  'path',
  'linkpath',
  'size',
  'GNU.sparse.name',
  'GNU.sparse.size',
  'GNU.sparse.realsize'
])

export function isSparse(records: PaxRecords): boolean {
  return (
    records.has('GNU.sparse.map') ||
    records.has('GNU.sparse.size') ||
    (records.get('GNU.sparse.major') === '1' && records.get('GNU.sparse.minor') === '0')
  )
}

/** tarfile's `_apply_pax_info`: the records that replace a header's name, link and size. */
export function applyPax(
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
export function chainConflicts(chain: Extension[]): string[] {
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
