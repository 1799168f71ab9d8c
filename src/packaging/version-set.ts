/**
 * Sets of final releases (`N!N.N…`, no pre, post, dev or local part) as sorted, disjoint intervals, with
 * exact union, intersection, complement and difference. Written by hand: no npm package does interval
 * arithmetic over PEP 440 versions (pypa/packaging itself only tests membership).
 *
 * A release is keyed as `[epoch, ...release]` with trailing zeros dropped, so `1.0` and `1.0.0` are one
 * point. Between two different releases there is always a third (`1.0 < 1.0.0.1 < 1.0.1`), so a set is
 * fully described by "cuts" just below or just above releases, and its canonical form is unique.
 */
export type ReleaseKey = readonly number[]

/** A cut in the line of releases: just below `key` (`key` itself is above the cut) or just above it. */
export interface Cut {
  key: ReleaseKey
  side: 'below' | 'above'
}

/** The releases between two cuts; `upper` undefined: no upper end. */
export interface Interval {
  lower: Cut
  upper?: Cut
}

export function releaseKey(epoch: number, release: readonly number[]): ReleaseKey {
  const key = [epoch, ...release]
  while (key.length && key[key.length - 1] === 0) key.pop()
  return key
}

export function compareKeys(a: ReleaseKey, b: ReleaseKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0)
    if (difference !== 0) return Math.sign(difference)
  }
  return 0
}

export function compareCuts(a: Cut, b: Cut): number {
  return compareKeys(a.key, b.key) || (a.side === b.side ? 0 : a.side === 'below' ? -1 : 1)
}

/** Compares an upper end, where undefined is past every cut. */
function compareUpper(a: Cut | undefined, b: Cut | undefined): number {
  if (!a || !b) return a === b ? 0 : a ? -1 : 1
  return compareCuts(a, b)
}

export const below = (key: ReleaseKey): Cut => ({ key, side: 'below' })
export const above = (key: ReleaseKey): Cut => ({ key, side: 'above' })
/** The lowest cut: every release (`0` included) is above it. */
const BOTTOM = below([])

export class VersionSet {
  private constructor(readonly intervals: readonly Interval[]) {}

  static readonly EMPTY = new VersionSet([])
  static readonly ALL = new VersionSet([{ lower: BOTTOM }])

  /** The set of the given intervals, which may overlap, touch or be empty. */
  static of(intervals: Interval[]): VersionSet {
    const sorted = intervals
      .filter(i => compareUpper(i.lower, i.upper) < 0)
      .sort((a, b) => compareCuts(a.lower, b.lower))
    const merged: Interval[] = []
    for (const next of sorted) {
      const last = merged[merged.length - 1]
      if (last && compareUpper(next.lower, last.upper) <= 0) {
        if (compareUpper(next.upper, last.upper) > 0)
          merged[merged.length - 1] = next.upper
            ? { lower: last.lower, upper: next.upper }
            : { lower: last.lower }
      } else merged.push(next)
    }
    return new VersionSet(merged)
  }

  static range(lower: Cut, upper?: Cut): VersionSet {
    return VersionSet.of([upper ? { lower, upper } : { lower }])
  }

  static point(key: ReleaseKey): VersionSet {
    return VersionSet.range(below(key), above(key))
  }

  get isEmpty(): boolean {
    return this.intervals.length === 0
  }

  /** Whether the set has a highest release allowed (`<3`, `~=1.4`, `==2.0`): a cap. */
  get capped(): boolean {
    const last = this.intervals[this.intervals.length - 1]
    return last !== undefined && last.upper !== undefined
  }

  has(key: ReleaseKey): boolean {
    return this.intervals.some(
      ({ lower, upper }) =>
        compareCuts(lower, below(key)) <= 0 && (!upper || compareCuts(above(key), upper) <= 0)
    )
  }

  complement(): VersionSet {
    const gaps: Interval[] = []
    let from: Cut | undefined = BOTTOM
    for (const { lower, upper } of this.intervals) {
      if (from) gaps.push({ lower: from, upper: lower })
      from = upper
    }
    if (from) gaps.push({ lower: from })
    return VersionSet.of(gaps)
  }

  union(other: VersionSet): VersionSet {
    return VersionSet.of([...this.intervals, ...other.intervals])
  }

  intersection(other: VersionSet): VersionSet {
    return this.complement().union(other.complement()).complement()
  }

  difference(other: VersionSet): VersionSet {
    return this.intersection(other.complement())
  }

  isSubsetOf(other: VersionSet): boolean {
    return this.difference(other).isEmpty
  }

  /** Every release `this` has and `narrower` lacks lies below all of `narrower`: only the floor rose. */
  losesOnlyBelow(narrower: VersionSet): boolean {
    const first = narrower.intervals[0]
    if (!first || !narrower.isSubsetOf(this)) return false
    return this.difference(narrower).isSubsetOf(VersionSet.range(BOTTOM, first.lower))
  }

  equals(other: VersionSet): boolean {
    return (
      this.intervals.length === other.intervals.length &&
      this.intervals.every((interval, index) => {
        const theirs = other.intervals[index]
        return (
          theirs !== undefined &&
          compareCuts(interval.lower, theirs.lower) === 0 &&
          compareUpper(interval.upper, theirs.upper) === 0
        )
      })
    )
  }
}
