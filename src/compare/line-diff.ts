import jestDiffSequences from '@jest/diff-sequences'
import { formatHunks, slideDown, type Change } from './line-diff-hunks.js'
import { LineIds, Lines } from './line-diff-lines.js'

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
  private readonly granted: number

  constructor(public remaining: number) {
    this.granted = remaining
  }

  /** The work spent so far (a count that tests can bound, where a clock would vary with load). */
  get spent(): number {
    return this.granted - this.remaining
  }
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
  /** Where the lines it adds are in `after`, shown or only counted. */
  addedSpans: TextSpan[]
}

/** A run of whole lines of a text: characters [from, to), starting on 1-based line `line`. */
export interface TextSpan {
  line: number
  from: number
  to: number
}

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
    const addedSpans: TextSpan[] = []
    for (const c of changes) {
      ;[added, removed] = [added + c.bEnd - c.bStart, removed + c.aEnd - c.aStart]
      if (c.bEnd > c.bStart) addedSpans.push(span(this.newLines, c.bStart, c.bEnd))
    }
    return { hunks: lines.join('\n'), lines: total, added, removed, anchored, addedSpans }
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

function span(lines: Lines, start: number, end: number): TextSpan {
  return { line: start + 1, from: lines.start(start), to: lines.end(end - 1) }
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
