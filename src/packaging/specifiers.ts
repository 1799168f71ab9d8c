import { satisfies } from '@renovatebot/pep440'
import { Version } from './version.js'
import { above, below, releaseKey, VersionSet, type ReleaseKey } from './version-set.js'

export type Operator = '~=' | '===' | '==' | '!=' | '<=' | '>=' | '<' | '>'
export type SetChange = 'unchanged' | 'narrowed' | 'widened' | 'shifted'

/** One clause of a specifier set: `>=1.2`, `==3.10.*`, `~=2.2`. */
export interface Specifier {
  operator: Operator
  /** The version as written (normalised), without the wildcard. */
  version: string
  wildcard: boolean
}

const CLAUSE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*(\S+)\s*$/
const RELEASE_ONLY = /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)$/i

/**
 * A PEP 440 specifier set, modelled on `packaging.specifiers.SpecifierSet`. What it allows is kept as a
 * VersionSet over final releases, so that comparisons are exact set operations. Pre-, post- and
 * development releases named in a clause are placed where PEP 440 orders them (`<2.0rc1` allows the same
 * final releases as `<2.0`); `===` is read as `==`, since no final release spells itself otherwise.
 */
export class SpecifierSet {
  private constructor(
    readonly specifiers: readonly Specifier[],
    /** The final releases the set allows. */
    readonly allowed: VersionSet
  ) {}

  static readonly ANY = new SpecifierSet([], VersionSet.ALL)

  /** Parses `>=1.0, <2`; undefined when any clause is not valid PEP 440. '' allows everything. */
  static parse(text: string): SpecifierSet | undefined {
    const specifiers: Specifier[] = []
    let allowed = VersionSet.ALL
    for (const raw of text.split(',')) {
      if (raw.trim() === '') continue
      const clause = parseClause(raw)
      if (!clause) return undefined
      specifiers.push(clause.specifier)
      allowed = allowed.intersection(clause.allowed)
    }
    specifiers.sort((a, b) => (format(a) < format(b) ? -1 : format(a) > format(b) ? 1 : 0))
    return new SpecifierSet(specifiers, allowed)
  }

  /** Clauses in normal form, sorted: `<3,>=2.31`. Equal text means equal clauses, not only equal sets. */
  toString(): string {
    return this.specifiers.map(format).join(',')
  }

  get isAny(): boolean {
    return this.specifiers.length === 0
  }

  /**
   * Whether a version is allowed. Final releases are looked up in the set; other versions (which the
   * model leaves out) are checked clause by clause, pre-releases allowed.
   */
  contains(version: string): boolean {
    const parsed = Version.parse(version)
    if (!parsed) return false
    if (parsed.isFinal) return this.allowed.has(releaseKey(parsed.epoch, parsed.release))
    return this.isAny || satisfies(parsed.text, this.toString(), { prereleases: true })
  }

  intersection(other: SpecifierSet): VersionSet {
    return this.allowed.intersection(other.allowed)
  }

  union(other: SpecifierSet): VersionSet {
    return this.allowed.union(other.allowed)
  }

  difference(other: SpecifierSet): VersionSet {
    return this.allowed.difference(other.allowed)
  }

  isSubsetOf(other: SpecifierSet): boolean {
    return this.allowed.isSubsetOf(other.allowed)
  }

  /** Same final releases allowed, however spelled (`>=1.2` and `>=1.2.0`, reordered clauses). */
  equals(other: SpecifierSet): boolean {
    return this.allowed.equals(other.allowed)
  }

  /** `after` only raises the minimum: `packaging` → `packaging>=20`, `>=1,<3` → `>=2,<3`. */
  raisesFloorOnly(after: SpecifierSet): boolean {
    return this.allowed.losesOnlyBelow(after.allowed)
  }

  /** How the allowed releases moved from `this` to `after`. */
  compare(after: SpecifierSet): SetChange {
    const lost = !this.allowed.isSubsetOf(after.allowed)
    const gained = !after.allowed.isSubsetOf(this.allowed)
    if (lost && gained) return 'shifted'
    return lost ? 'narrowed' : gained ? 'widened' : 'unchanged'
  }
}

function format(specifier: Specifier): string {
  return `${specifier.operator}${specifier.version}${specifier.wildcard ? '.*' : ''}`
}

function parseClause(text: string): { specifier: Specifier; allowed: VersionSet } | undefined {
  const match = CLAUSE.exec(text)
  if (!match) return undefined
  const operator = match[1] as Operator
  const written = match[2] ?? ''
  if (written.endsWith('.*')) return wildcardClause(operator, written.slice(0, -2))
  const version = Version.parse(written)
  if (operator === '===') {
    // Arbitrary equality compares strings; over final releases only a release spelled this way matches.
    const allowed = version?.isFinal ? exactly(version) : VersionSet.EMPTY
    return { specifier: { operator, version: written, wildcard: false }, allowed }
  }
  if (!version) return undefined
  if (version.local !== undefined && operator !== '==' && operator !== '!=') return undefined
  if (operator === '~=' && version.release.length < 2) return undefined
  const specifier = { operator, version: version.text, wildcard: false }
  return { specifier, allowed: ordered(operator, version) }
}

function wildcardClause(
  operator: Operator,
  written: string
): { specifier: Specifier; allowed: VersionSet } | undefined {
  const match = RELEASE_ONLY.exec(written)
  if (!match || (operator !== '==' && operator !== '!=')) return undefined
  const epoch = Number(match[1] ?? 0)
  const release = (match[2] ?? '').split('.').map(Number)
  const prefix = prefixSet(epoch, release)
  const version = `${epoch ? `${epoch}!` : ''}${release.join('.')}`
  return {
    specifier: { operator, version, wildcard: true },
    allowed: operator === '==' ? prefix : prefix.complement()
  }
}

/** `==1.2.*`: every release from 1.2 up to, not including, 1.3. */
function prefixSet(epoch: number, release: readonly number[]): VersionSet {
  const next = [...release.slice(0, -1), (release[release.length - 1] ?? 0) + 1]
  return VersionSet.range(below(releaseKey(epoch, release)), below(releaseKey(epoch, next)))
}

function exactly(version: Version): VersionSet {
  return VersionSet.point(keyOf(version))
}

function keyOf(version: Version): ReleaseKey {
  return releaseKey(version.epoch, version.release)
}

/** The final releases a clause other than a wildcard or `===` allows. */
function ordered(operator: Operator, version: Version): VersionSet {
  const key = keyOf(version)
  // A pre-release sorts just below its release, a post-release just above it.
  const low = version.side === 'above' ? above(key) : below(key)
  const high = version.side === 'below' ? below(key) : above(key)
  switch (operator) {
    case '>=':
    case '>':
      return VersionSet.range(operator === '>' && version.side === 'at' ? above(key) : low)
    case '<=':
    case '<':
      return VersionSet.range(
        below([]),
        operator === '<' && version.side === 'at' ? below(key) : high
      )
    case '==':
    case '!=': {
      const point = version.isFinal ? exactly(version) : VersionSet.EMPTY
      return operator === '==' ? point : point.complement()
    }
    default: {
      // `~=2.2.1` is `>=2.2.1, ==2.2.*`.
      const prefix = prefixSet(version.epoch, version.release.slice(0, -1))
      return prefix.intersection(VersionSet.range(low))
    }
  }
}
