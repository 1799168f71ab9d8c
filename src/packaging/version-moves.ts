import { below, type Cut, type Interval, VersionSet } from './version-set.js'

/**
 * What a change of allowed versions loses and gains, said the way a maintainer reads it: whole major
 * series (`every 1.x`), a minor series (`2.12.x`), ranges otherwise, and caps added or dropped.
 */
export interface VersionMoves {
  lost: string[]
  gained: string[]
}

/** Past this many major series in one interval, it is shown as a range. */
const MAX_MAJORS = 20

function versionText(key: readonly number[]): string {
  const [epoch = 0, ...release] = key
  while (release.length < 2) release.push(0)
  return `${epoch ? `${epoch}!` : ''}${release.join('.')}`
}

const majorStart = (epoch: number, major: number): Cut => below([epoch, major])
const isBelow = (cut: Cut | undefined, key: readonly number[]) =>
  cut !== undefined &&
  cut.side === 'below' &&
  cut.key.length === key.length &&
  cut.key.every((n, i) => n === key[i])

function lowerText(cut: Cut): string {
  return `${cut.side === 'below' ? '>=' : '>'}${versionText(cut.key)}`
}

function upperText(cut: Cut): string {
  return `${cut.side === 'below' ? '<' : '<='}${versionText(cut.key)}`
}

/** One interval inside major series `major`. */
function partText({ lower, upper }: Interval, epoch: number, major: number): string {
  const [, m, minor] = [...lower.key, 0, 0, 0]
  const next = [epoch, major, (minor ?? 0) + 1]
  if (lower.side === 'below' && m === major && isBelow(upper, next) && lower.key.length <= 3)
    return `${major}.${minor}.x`
  const fromStart = isBelow(lower, [epoch, major]) || (major === 0 && lower.key.length === 0)
  const toEnd = isBelow(upper, [epoch, major + 1])
  if (
    upper &&
    lower.side === 'below' &&
    upper.side === 'above' &&
    versionText(lower.key) === versionText(upper.key)
  )
    return versionText(lower.key)
  if (fromStart && upper) return `${major}.x ${upperText(upper)}`
  if (toEnd) return `${major}.x ${lowerText(lower)}`
  return upper ? `${lowerText(lower)},${upperText(upper)}` : lowerText(lower)
}

/**
 * `moved` (lost or gained) read against `other`, the side that keeps or lacks it: a major series
 * `other` has nothing of is whole (`every 1.x`); an upper end left open is a cap.
 */
function describe(
  moved: VersionSet,
  other: VersionSet,
  capPhrase: (cut: Cut) => string,
  whole: (movedInSeries: VersionSet, series: VersionSet) => boolean
): string[] {
  const phrases: string[] = []
  const wholeMajors: number[] = []
  const flushWhole = () => {
    if (!wholeMajors.length) return
    const [first, last] = [wholeMajors[0], wholeMajors[wholeMajors.length - 1]]
    phrases.push(first === last ? `every ${first}.x` : `every ${first}.x–${last}.x`)
    wholeMajors.length = 0
  }
  for (const interval of moved.intervals) {
    const epoch = interval.lower.key[0] ?? 0
    const firstMajor = interval.lower.key[1] ?? 0
    if (!interval.upper) {
      flushWhole()
      phrases.push(capPhrase(interval.lower))
      continue
    }
    const lastMajor =
      (interval.upper.key[1] ?? 0) -
      (isBelow(interval.upper, [epoch, interval.upper.key[1] ?? 0]) ? 1 : 0)
    if ((interval.upper.key[0] ?? 0) !== epoch || lastMajor - firstMajor > MAX_MAJORS) {
      flushWhole()
      phrases.push(`${lowerText(interval.lower)},${upperText(interval.upper)}`)
      continue
    }
    for (let major = firstMajor; major <= lastMajor; major++) {
      const series = VersionSet.range(majorStart(epoch, major), majorStart(epoch, major + 1))
      const inSeries = VersionSet.of([interval]).intersection(series)
      if (other.intersection(series).isEmpty && whole(moved.intersection(series), series)) {
        if (!wholeMajors.includes(major)) wholeMajors.push(major)
        continue
      }
      flushWhole()
      for (const part of inSeries.intervals) phrases.push(partText(part, epoch, major))
    }
  }
  flushWhole()
  return [...new Set(phrases)]
}

function isPoint(set: VersionSet): boolean {
  const [only, ...rest] = set.intervals
  return (
    !rest.length &&
    only?.upper !== undefined &&
    only.lower.side === 'below' &&
    only.upper.side === 'above' &&
    versionText(only.lower.key) === versionText(only.upper.key)
  )
}

export function versionMoves(before: VersionSet, after: VersionSet): VersionMoves {
  return {
    lost: describe(
      before.difference(after),
      after,
      cut => `${versionText(cut.key)} and later (a new cap ${upperText(cut)})`,
      // No release of the series is allowed any more; a pin is named as the release it was.
      inSeries => !isPoint(inSeries)
    ),
    gained: describe(
      after.difference(before),
      before,
      cut => `${versionText(cut.key)} and later (the cap ${upperText(cut)} dropped)`,
      (inSeries, series) => inSeries.equals(series)
    )
  }
}

/** `every 1.x no longer allowed; 3.0 and later newly allowed (the cap <3.0 dropped)`. */
export function versionMovesText(before: VersionSet, after: VersionSet): string {
  const { lost, gained } = versionMoves(before, after)
  return [
    ...(lost.length ? [`${lost.join(', ')} no longer allowed`] : []),
    ...(gained.length ? [`${gained.join(', ')} newly allowed`] : [])
  ].join('; ')
}
