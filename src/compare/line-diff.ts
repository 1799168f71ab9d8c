import jestDiffSequences from '@jest/diff-sequences'

// The package's types describe its CommonJS build; its ESM entry's default export is the function.
const diffSequence = jestDiffSequences as unknown as typeof jestDiffSequences.default

export interface LineDiffBounds {
  contextLines: number
  /** Edit distance up to which the minimal diff is sought; past it the diff is anchored (see lineDiff). */
  maxEditLength: number
  /** Lines of hunks written; the rest are counted, not written. */
  maxLines?: number
}

/**
 * The work (in units: a line interned, counted or compared) the diffs of one run may still spend,
 * shared by its files so that a release changed everywhere cannot stall the run. Counted, not timed,
 * so the same pair always gets the same report.
 */
export class DiffBudget {
  constructor(public remaining: number) {}
}

export interface LineDiff {
  /** The `@@` hunks, at most `maxLines` lines of them. */
  hunks: string
  /** Lines the hunks have in all, written or not. */
  lines: number
  added: number
  removed: number
  /** Set when the diff was anchored on unique lines rather than minimal (the edit distance was large). */
  anchored: boolean
}

/** One run of changed lines: a[aStart, aEnd) replaced by b[bStart, bEnd). */
interface Change {
  aStart: number
  aEnd: number
  bStart: number
  bEnd: number
}

const NO_NEWLINE = '\\ No newline at end of file'
const NEWLINE = 10
/** Nesting of anchored gaps past which a gap is replaced whole (bounds adversarial reorderings). */
const MAX_DEPTH = 32
/** Lines of a gap past the lines shown that are still diffed minimally (their work is tiny). */
const SMALL_GAP = 64

class GaveUp extends Error {}
class OverBudget extends Error {}

/**
 * The unified diff of two texts, without file headers (`@@` hunks only), or undefined when the run's
 * budget is spent. Lines are interned to integers and the common head and tail trimmed. When the rest
 * is within `maxEditLength` edits, Jest's linear-space Myers diff (`@jest/diff-sequences`) gives the
 * minimal diff, the hunks GNU diff and jsdiff write. Past it, as git's patience diff does, the lines
 * found once on each side anchor the alignment (their longest increasing run), each gap between
 * anchors is diffed the same way, and a gap still too far apart is written as replaced whole, as GNU
 * diff gives up on minimality when a diff is too expensive. Once the hunks written reach `maxLines`,
 * the later gaps are only counted.
 */
export function lineDiff(
  before: string,
  after: string,
  bounds: LineDiffBounds,
  budget = new DiffBudget(Infinity)
): LineDiff | undefined {
  try {
    return new Differ(new Lines(before), new Lines(after), bounds, budget).run()
  } catch (error) {
    if (error instanceof OverBudget) return undefined
    throw error
  }
}

/** The hunks of lineDiff, all of them. */
export function unifiedHunks(
  before: string,
  after: string,
  bounds: LineDiffBounds
): string | undefined {
  return lineDiff(before, after, { ...bounds, maxLines: Infinity })?.hunks
}

/**
 * A text's lines, with their line ending attached as jsdiff's diffLines tokenises ("a\n" differs from
 * "a"), as offsets: only the lines a hunk shows are cut out of the text.
 */
class Lines {
  readonly length: number
  private readonly starts: Int32Array

  constructor(readonly text: string) {
    const starts = [0]
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', end + 1))
      starts.push(end + 1)
    if (starts[starts.length - 1] !== text.length) starts.push(text.length)
    this.starts = Int32Array.from(starts)
    this.length = starts.length - 1
  }

  start(i: number): number {
    return this.starts[i] as number
  }

  end(i: number): number {
    return this.starts[i + 1] as number
  }

  line(i: number): string {
    return this.text.slice(this.start(i), this.end(i))
  }
}

class Differ {
  private readonly a: Int32Array
  private readonly b: Int32Array
  /** Per line id: occurrences in the range being counted (always zero again between uses). */
  private readonly countA: Int32Array
  private readonly countB: Int32Array
  private readonly at: Int32Array
  private readonly changes: Change[] = []
  /** Hunk lines the changes so far will take at least; past maxLines, gaps are only counted. */
  private written = 0

  constructor(
    private readonly oldLines: Lines,
    private readonly newLines: Lines,
    private readonly bounds: LineDiffBounds,
    private readonly budget: DiffBudget
  ) {
    this.charge(oldLines.length + newLines.length)
    const ids = new LineIds(oldLines.length + newLines.length)
    this.a = ids.intern(oldLines)
    this.b = ids.intern(newLines)
    this.countA = new Int32Array(ids.size)
    this.countB = new Int32Array(ids.size)
    this.at = new Int32Array(ids.size)
  }

  run(): LineDiff {
    const { a, b } = this
    let head = 0
    while (head < a.length && head < b.length && a[head] === b[head]) head++
    let tail = 0
    while (
      tail < a.length - head &&
      tail < b.length - head &&
      a[a.length - 1 - tail] === b[b.length - 1 - tail]
    )
      tail++
    const range = { aStart: head, aEnd: a.length - tail, bStart: head, bEnd: b.length - tail }
    let anchored = false
    const exact = this.minimal(range)
    if (exact) for (const change of exact) this.changes.push(change)
    else {
      anchored = true
      this.anchor(range, 0)
    }
    const changes = slideDown(this.changes, a, b)
    const { lines, total } = formatHunks(
      changes,
      this.oldLines,
      this.newLines,
      this.bounds.contextLines,
      this.bounds.maxLines ?? Infinity
    )
    let [added, removed] = [0, 0]
    for (const c of changes)
      [added, removed] = [added + c.bEnd - c.bStart, removed + c.aEnd - c.aStart]
    return { hunks: lines.join('\n'), lines: total, added, removed, anchored }
  }

  private charge(units: number) {
    this.budget.remaining -= units
    if (this.budget.remaining < 0) throw new OverBudget()
  }

  /** The minimal changes of a range, or undefined when they are more than maxEditLength edits. */
  private minimal(range: Change): Change[] | undefined {
    const [n, m] = [range.aEnd - range.aStart, range.bEnd - range.bStart]
    if (n === 0 || m === 0) return n + m ? [{ ...range }] : []
    const fewest = this.fewestEdits(range)
    // No line in common: replacing the range whole is the minimal diff.
    if (fewest === n + m) return [{ ...range }]
    if (fewest > this.bounds.maxEditLength) return undefined
    const { a, b } = this
    const [aHead, bHead] = [range.aStart, range.bStart]
    const changes: Change[] = []
    let [aNext, bNext] = [aHead, bHead]
    // Myers' work grows with N·D; this stands for an edit distance of maxEditLength.
    const limit = Math.max(1, n + m) * this.bounds.maxEditLength
    const work = Math.min(limit, this.budget.remaining)
    let left = work
    const isCommon = (i: number, j: number) => {
      if (--left < 0) throw limit <= this.budget.remaining ? new GaveUp() : new OverBudget()
      return a[aHead + i] === b[bHead + j]
    }
    const foundSubsequence = (count: number, aCommon: number, bCommon: number) => {
      const [aAt, bAt] = [aHead + aCommon, bHead + bCommon]
      if (aAt > aNext || bAt > bNext)
        changes.push({ aStart: aNext, aEnd: aAt, bStart: bNext, bEnd: bAt })
      aNext = aAt + count
      bNext = bAt + count
    }
    try {
      diffSequence(n, m, isCommon, foundSubsequence)
    } catch (error) {
      this.budget.remaining -= work
      if (error instanceof GaveUp) return undefined
      throw error
    }
    this.charge(work - left)
    if (range.aEnd > aNext || range.bEnd > bNext)
      changes.push({ aStart: aNext, aEnd: range.aEnd, bStart: bNext, bEnd: range.bEnd })
    return changes
  }

  /** A lower bound on the edit distance: the lines of either side the other side lacks. */
  private fewestEdits({ aStart, aEnd, bStart, bEnd }: Change): number {
    const { a, b, countA } = this
    this.charge(2 * (aEnd - aStart) + (bEnd - bStart))
    for (let i = aStart; i < aEnd; i++) countA[a[i] as number]!++
    let common = 0
    for (let j = bStart; j < bEnd; j++) {
      const id = b[j] as number
      if (countA[id]! > 0) {
        countA[id]!--
        common++
      }
    }
    for (let i = aStart; i < aEnd; i++) countA[a[i] as number] = 0
    return aEnd - aStart + (bEnd - bStart) - 2 * common
  }

  /** Adds the changes of a range, anchored on its unique common lines (patience diff). */
  private anchor(range: Change, depth: number) {
    const { a, b } = this
    let { aStart, aEnd, bStart, bEnd } = range
    while (aStart < aEnd && bStart < bEnd && a[aStart] === b[bStart])
      [aStart, bStart] = [aStart + 1, bStart + 1]
    while (aEnd > aStart && bEnd > bStart && a[aEnd - 1] === b[bEnd - 1])
      [aEnd, bEnd] = [aEnd - 1, bEnd - 1]
    const gap = { aStart, aEnd, bStart, bEnd }
    if (aStart === aEnd || bStart === bEnd) return this.add(gap)
    if (this.counting()) return this.count(gap)
    const anchors = depth < MAX_DEPTH ? this.uniqueAnchors(gap) : []
    if (anchors.length === 0) {
      const exact = this.minimal(gap)
      if (exact) for (const change of exact) this.add(change)
      else this.add(gap)
      return
    }
    let [aNext, bNext] = [aStart, bStart]
    for (const [i, j] of anchors) {
      this.anchor({ aStart: aNext, aEnd: i, bStart: bNext, bEnd: j }, depth + 1)
      ;[aNext, bNext] = [i + 1, j + 1]
    }
    this.anchor({ aStart: aNext, aEnd, bStart: bNext, bEnd }, depth + 1)
  }

  /** Past the lines shown: a small gap still gets its minimal changes (cheap); a large one is counted whole. */
  private count(gap: Change) {
    const exact = gap.aEnd - gap.aStart + (gap.bEnd - gap.bStart) <= SMALL_GAP && this.minimal(gap)
    if (exact) for (const change of exact) this.add(change)
    else this.add(gap)
  }

  private counting(): boolean {
    return this.written > (this.bounds.maxLines ?? Infinity)
  }

  private add(change: Change) {
    const size = change.aEnd - change.aStart + (change.bEnd - change.bStart)
    if (size === 0) return
    this.changes.push(change)
    this.written += size + 1
  }

  /**
   * The lines found exactly once on each side of the range, as [a index, b index] pairs: the longest
   * run of them in the same order on both sides (patience sorting, O(k log k)).
   */
  private uniqueAnchors({ aStart, aEnd, bStart, bEnd }: Change): [number, number][] {
    const { a, b, countA, countB, at } = this
    this.charge(2 * (aEnd - aStart + (bEnd - bStart)))
    for (let i = aStart; i < aEnd; i++) {
      const id = a[i] as number
      countA[id]!++
      at[id] = i
    }
    for (let j = bStart; j < bEnd; j++) countB[b[j] as number]!++
    const pairs: [number, number][] = []
    for (let j = bStart; j < bEnd; j++) {
      const id = b[j] as number
      if (countA[id] === 1 && countB[id] === 1) pairs.push([at[id] as number, j])
    }
    for (let i = aStart; i < aEnd; i++) countA[a[i] as number] = 0
    for (let j = bStart; j < bEnd; j++) countB[b[j] as number] = 0
    return longestIncreasing(pairs)
  }
}

/**
 * Lines to integers, equal lines to the same one: an open-addressed table of FNV-1a hashes of the
 * lines' characters, sized once for both sides, so that no line is cut out of its text to be a key.
 */
class LineIds {
  size = 0
  private readonly slots: Int32Array
  private readonly hashes: Int32Array
  /** Per id: the text and offsets of its first line. */
  private readonly texts: string[] = []
  private readonly froms: Int32Array
  private readonly tos: Int32Array

  constructor(capacity: number) {
    let slots = 16
    while (slots < 2 * capacity) slots *= 2
    this.slots = new Int32Array(slots).fill(-1)
    this.hashes = new Int32Array(capacity)
    this.froms = new Int32Array(capacity)
    this.tos = new Int32Array(capacity)
  }

  intern(lines: Lines): Int32Array {
    const out = new Int32Array(lines.length)
    for (let i = 0; i < lines.length; i++)
      out[i] = this.id(lines.text, lines.start(i), lines.end(i))
    return out
  }

  private id(text: string, from: number, to: number): number {
    let hash = 0x811c9dc5
    for (let k = from; k < to; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193)
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot] as number
      if (id < 0) {
        this.slots[slot] = this.size
        this.hashes[this.size] = hash
        this.texts.push(text)
        this.froms[this.size] = from
        this.tos[this.size] = to
        return this.size++
      }
      if (this.hashes[id] === hash && this.same(id, text, from, to)) return id
    }
  }

  private same(id: number, text: string, from: number, to: number): boolean {
    const [other, at] = [this.texts[id] as string, this.froms[id] as number]
    if ((this.tos[id] as number) - at !== to - from) return false
    for (let k = 0; k < to - from; k++)
      if (other.charCodeAt(at + k) !== text.charCodeAt(from + k)) return false
    return true
  }
}

/** The longest subsequence of pairs (in b order) whose a indexes increase. */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = []
  const previous = new Int32Array(pairs.length)
  for (let k = 0; k < pairs.length; k++) {
    const value = (pairs[k] as [number, number])[0]
    let [low, high] = [0, tails.length]
    while (low < high) {
      const mid = (low + high) >> 1
      if ((pairs[tails[mid] as number] as [number, number])[0] < value) low = mid + 1
      else high = mid
    }
    previous[k] = low > 0 ? (tails[low - 1] as number) : -1
    tails[low] = k
  }
  const out: [number, number][] = []
  for (let k = tails[tails.length - 1] ?? -1; k >= 0; k = previous[k] as number)
    out.push(pairs[k] as [number, number])
  return out.reverse()
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

/**
 * Groups the changes into hunks with `context` lines around them and writes the first `maxLines`
 * lines; `total` counts them all.
 */
function formatHunks(
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
