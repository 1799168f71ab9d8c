import jestDiffSequences from '@jest/diff-sequences'

// The package's types describe its CommonJS build; its ESM entry's default export is the function.
const diffSequence = jestDiffSequences as unknown as typeof jestDiffSequences.default

export interface LineDiffBounds {
  contextLines: number
  /** Edit distance past which the diff is given up (the pair is compared by hash). */
  maxEditLength: number
  /** Wall-time bound in milliseconds. */
  timeoutMs: number
}

/** One run of changed lines: a[aStart, aEnd) replaced by b[bStart, bEnd). */
interface Change {
  aStart: number
  aEnd: number
  bStart: number
  bEnd: number
}

const NO_NEWLINE = '\\ No newline at end of file'

class GaveUp extends Error {}

/**
 * The unified diff of two texts, without file headers (`@@` hunks only), or undefined when it would
 * take more than the bounds allow. Lines are interned to integers and the common head and tail are
 * trimmed before Jest's linear-space Myers diff (`@jest/diff-sequences`) runs on the rest, so a large
 * file with changes in many places costs milliseconds. The hunks are the ones GNU diff and jsdiff write
 * (context merged when two changes are within twice the context).
 */
export function unifiedHunks(
  before: string,
  after: string,
  bounds: LineDiffBounds
): string | undefined {
  const [oldLines, newLines] = [splitLines(before), splitLines(after)]
  const [a, b] = internLines(oldLines, newLines)
  let changes: Change[]
  try {
    changes = findChanges(a, b, bounds)
  } catch (error) {
    if (error instanceof GaveUp) return undefined
    throw error
  }
  return formatHunks(changes, oldLines, newLines, bounds.contextLines)
}

/** Lines with their line ending attached, as jsdiff's diffLines tokenises ("a\n" differs from "a"). */
function splitLines(text: string): string[] {
  const lines: string[] = []
  let start = 0
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    lines.push(text.slice(start, end + 1))
    start = end + 1
  }
  if (start < text.length) lines.push(text.slice(start))
  return lines
}

function internLines(a: string[], b: string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>()
  const intern = (lines: string[]) => {
    const out = new Int32Array(lines.length)
    lines.forEach((line, i) => {
      let id = ids.get(line)
      if (id === undefined) ids.set(line, (id = ids.size))
      out[i] = id
    })
    return out
  }
  return [intern(a), intern(b)]
}

function findChanges(a: Int32Array, b: Int32Array, bounds: LineDiffBounds): Change[] {
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  const [aEnd, bEnd] = [a.length - tail, b.length - tail]
  const changes: Change[] = []
  let [aNext, bNext] = [head, head]
  const deadline = Date.now() + bounds.timeoutMs
  // Myers' work grows with N·D; this budget stands for an edit distance of maxEditLength.
  let work = Math.max(1, aEnd - head + bEnd - head) * bounds.maxEditLength
  const isCommon = (i: number, j: number) => {
    if (--work < 0 || ((work & 0xffff) === 0 && Date.now() > deadline)) throw new GaveUp()
    return a[head + i] === b[head + j]
  }
  const foundSubsequence = (count: number, aCommon: number, bCommon: number) => {
    const [aAt, bAt] = [head + aCommon, head + bCommon]
    if (aAt > aNext || bAt > bNext)
      changes.push({ aStart: aNext, aEnd: aAt, bStart: bNext, bEnd: bAt })
    aNext = aAt + count
    bNext = bAt + count
  }
  if (aEnd > head && bEnd > head) diffSequence(aEnd - head, bEnd - head, isCommon, foundSubsequence)
  if (aEnd > aNext || bEnd > bNext) changes.push({ aStart: aNext, aEnd, bStart: bNext, bEnd })
  return slideDown(changes, a, b)
}

/**
 * Where a run of only deleted (or only inserted) lines could sit one line lower with the same meaning
 * (a blank line removed before or after a block), moves it as low as it goes, as jsdiff and git do: the
 * hunk then reads "block kept, blank line gone" rather than the reverse.
 */
function slideDown(changes: Change[], a: Int32Array, b: Int32Array): Change[] {
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

/** Groups the changes into hunks with `context` lines around them and writes them. */
function formatHunks(changes: Change[], a: string[], b: string[], context: number): string {
  const hunks: Change[][] = []
  for (const change of changes) {
    const last = hunks[hunks.length - 1]
    const previous = last?.[last.length - 1]
    if (last && previous && change.aStart - previous.aEnd <= 2 * context) last.push(change)
    else hunks.push([change])
  }
  const out: string[] = []
  for (const hunk of hunks) {
    const first = hunk[0] as Change
    const final = hunk[hunk.length - 1] as Change
    const lead = Math.min(context, first.aStart)
    const trail = Math.min(context, a.length - final.aEnd)
    const [aFrom, bFrom] = [first.aStart - lead, first.bStart - lead]
    const [aTo, bTo] = [final.aEnd + trail, final.bEnd + trail]
    const lines: string[] = []
    const emit = (marker: string, line: string, lastOfFile: boolean) => {
      lines.push(marker + (line.endsWith('\n') ? line.slice(0, -1) : line))
      if (lastOfFile && !line.endsWith('\n')) lines.push(NO_NEWLINE)
    }
    let aAt = aFrom
    for (const change of hunk) {
      for (; aAt < change.aStart; aAt++) emit(' ', a[aAt] ?? '', aAt === a.length - 1)
      for (let i = change.aStart; i < change.aEnd; i++) emit('-', a[i] ?? '', i === a.length - 1)
      for (let j = change.bStart; j < change.bEnd; j++) emit('+', b[j] ?? '', j === b.length - 1)
      aAt = change.aEnd
    }
    for (; aAt < aTo; aAt++) emit(' ', a[aAt] ?? '', aAt === a.length - 1)
    const [aCount, bCount] = [aTo - aFrom, bTo - bFrom]
    const aStart = aCount === 0 ? aFrom : aFrom + 1
    const bStart = bCount === 0 ? bFrom : bFrom + 1
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`)
    for (const line of lines) out.push(line)
  }
  return out.join('\n')
}
