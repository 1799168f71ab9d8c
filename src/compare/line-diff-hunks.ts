// The changes a diff found, slid to where git and jsdiff put them and written as unified `@@` hunks.
import type { Lines } from './line-diff-lines.js'

/** One run of changed lines: a[aStart, aEnd) replaced by b[bStart, bEnd). */
export interface Change {
  aStart: number
  aEnd: number
  bStart: number
  bEnd: number
}

const NO_NEWLINE = '\\ No newline at end of file'
const NEWLINE = 10

/**
 * Where a run of only deleted (or only inserted) lines could sit one line lower with the same meaning
 * (a blank line removed before or after a block), moves it as low as it goes, as jsdiff and git do: the
 * hunk then reads "block kept, blank line gone" rather than the reverse.
 */
export function slideDown(changes: Change[], a: Int32Array, b: Int32Array): Change[] {
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i] as Change
    const next = changes[i + 1]
    const [aLimit, bLimit] = [next?.aStart ?? a.length, next?.bStart ?? b.length]
    const deleting = change.bStart === change.bEnd
    const inserting = change.aStart === change.aEnd
    if (deleting === inserting) continue
    while (
      change.aEnd < aLimit &&
      change.bEnd < bLimit &&
      (deleting ? a[change.aEnd] === a[change.aStart] : b[change.bEnd] === b[change.bStart])
    ) {
      change.aStart++
      change.aEnd++
      change.bStart++
      change.bEnd++
    }
  }
  return changes
}

/**
 * Groups the changes into hunks with `context` lines around them and writes the first `maxLines`
 * lines; `total` counts them all.
 */
export function formatHunks(
  changes: Change[],
  a: Lines,
  b: Lines,
  context: number,
  maxLines: number
): { lines: string[]; total: number } {
  const hunks: Change[][] = []
  for (const change of changes) {
    const last = hunks[hunks.length - 1]
    const previous = last?.[last.length - 1]
    if (last && previous && change.aStart - previous.aEnd <= 2 * context) last.push(change)
    else hunks.push([change])
  }
  const out: string[] = []
  let total = 0
  for (const hunk of hunks) {
    const first = hunk[0] as Change
    const final = hunk[hunk.length - 1] as Change
    const lead = Math.min(context, first.aStart)
    const trail = Math.min(context, a.length - final.aEnd)
    const [aFrom, bFrom] = [first.aStart - lead, first.bStart - lead]
    const [aTo, bTo] = [final.aEnd + trail, final.bEnd + trail]
    const lines: string[] = []
    let count = 0
    const emit = (marker: string, side: Lines, i: number) => {
      const lastOfFile = i === side.length - 1
      const missing = lastOfFile && side.text.charCodeAt(side.end(i) - 1) !== NEWLINE
      if (total + 1 + count < maxLines) {
        const line = side.line(i)
        lines.push(marker + (line.endsWith('\n') ? line.slice(0, -1) : line))
        if (missing) lines.push(NO_NEWLINE)
      }
      count += missing ? 2 : 1
    }
    let aAt = aFrom
    for (const change of hunk) {
      for (; aAt < change.aStart; aAt++) emit(' ', a, aAt)
      for (let i = change.aStart; i < change.aEnd; i++) emit('-', a, i)
      for (let j = change.bStart; j < change.bEnd; j++) emit('+', b, j)
      aAt = change.aEnd
    }
    for (; aAt < aTo; aAt++) emit(' ', a, aAt)
    const [aCount, bCount] = [aTo - aFrom, bTo - bFrom]
    const aStart = aCount === 0 ? aFrom : aFrom + 1
    const bStart = bCount === 0 ? bFrom : bFrom + 1
    if (total < maxLines) {
      out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`)
      for (const line of lines) out.push(line)
    }
    total += 1 + count
  }
  return { lines: out.slice(0, maxLines), total }
}
