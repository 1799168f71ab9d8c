import { parse } from 'csv-parse/sync'
import { expandCompressed } from '../packaging/wheel-tags.js'
import type { Entry, RecordProblem } from './types.js'

/** `WHEEL` (email-header style): the tags, expanded from compressed sets, and Root-Is-Purelib. */
export function parseWheelFile(text: string): { tags: string[]; rootIsPurelib?: boolean } {
  const tags = new Set<string>()
  let rootIsPurelib: boolean | undefined
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const field = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    if (field === 'tag') for (const tag of expandCompressed(value)) tags.add(tag)
    if (field === 'root-is-purelib') rootIsPurelib = value.toLowerCase() === 'true'
  }
  return { tags: [...tags].sort(), ...(rootIsPurelib !== undefined && { rootIsPurelib }) }
}

/** Files that RECORD lists without a hash: itself and its signatures. */
const UNHASHED = /\.dist-info\/RECORD(?:\.jws|\.p7s)?$/

/**
 * RECORD against the files read: a file whose SHA-256 or size differs, a file RECORD does not list, or a
 * RECORD line whose file is not in the wheel. Hashes in another algorithm are checked by size only.
 */
export function checkRecord(
  text: string,
  distInfo: string,
  entries: Map<string, Entry>
): RecordProblem[] {
  let rows: string[][]
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true })
  } catch (error) {
    return [
      {
        path: `${distInfo}/RECORD`,
        problem: `RECORD is not valid CSV (${(error as Error).message})`
      }
    ]
  }
  const problems: RecordProblem[] = []
  const listed = new Set<string>()
  for (const [path = '', hash = '', size = ''] of rows) {
    listed.add(path)
    if (UNHASHED.test(path)) continue
    const entry = entries.get(path)
    if (!entry || entry.type === 'dir') {
      problems.push({ path, problem: 'listed in RECORD but not in the wheel' })
      continue
    }
    const [algorithm, digest] = hash.split('=', 2)
    if (
      algorithm === 'sha256' &&
      digest !== undefined &&
      digest !== hexToUrlsafeBase64(entry.sha256)
    )
      problems.push({ path, problem: 'its SHA-256 differs from RECORD: changed after the build' })
    else if (size !== '' && Number(size) !== entry.size)
      problems.push({ path, problem: `its size ${entry.size} differs from RECORD's ${size}` })
    else if (!hash) problems.push({ path, problem: 'RECORD gives it no hash' })
  }
  for (const [path, entry] of entries)
    if (entry.type !== 'dir' && !listed.has(path))
      problems.push({ path, problem: 'not listed in RECORD: added after the build' })
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** RECORD's digest form: URL-safe base64 without padding (PEP 376 as amended by PEP 427). */
export function hexToUrlsafeBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64url')
}
