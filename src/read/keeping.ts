import { decodeText } from './decode-text.js'
import { pythonMentions } from './python-mentions.js'
import type { ReadLimits } from './read-archive.js'
import type { Entry } from './types.js'

export const SCAN_CAP_BYTES = 64 * 1024 ** 2

/** How an entry's bytes are kept as they arrive: as text, for the content checks only, or not at all. */
export function keeping(size: number, limits: ReadLimits): 'text' | 'scan' | undefined {
  if (size <= limits.textCapBytes) return 'text'
  if (size <= (limits.scanCapBytes ?? SCAN_CAP_BYTES)) return 'scan'
  return undefined
}

/** The previous side of a pair notes what its Python files mention (see pythonMentions). */
export function noteMentions(entry: Entry, side: 0 | 1 | undefined, chunks: Buffer[]): void {
  if (side === 0 && entry.path.endsWith('.py'))
    entry.mentions = pythonMentions(decodeText(Buffer.concat(chunks)))
}
