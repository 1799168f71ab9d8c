import { Version } from './version.js'
import { above, below, releaseKey, VersionSet, type Cut, type ReleaseKey } from './version-set.js'

export type Operator = '~=' | '===' | '==' | '!=' | '<=' | '>=' | '<' | '>'
export type SetChange = 'unchanged' | 'narrowed' | 'widened' | 'shifted'

/** One clause of a specifier set: `>=1.2`, `==3.10.*`, `~=2.2`. */
export interface Specifier {
  operator: Operator
  /** The version as written (spaces stripped), without the wildcard: packaging keeps it so. */
  version: string
  wildcard: boolean
}

/** Whether pre-releases may match: packaging's `prereleases` argument (undefined: its default). */
export interface PrereleaseOption {
  prereleases?: boolean
}

/** Python's `str.isspace()` characters, which `\s` and `str.strip()` use on text. */
const SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const STRIP = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, 'g')
const strip = (text: string) => text.replace(STRIP, '')

// packaging's Specifier._specifier_regex_str, branch by branch (case-insensitive, ASCII).
const RELEASE = 'v?(?:\\d+!)?\\d+(?:\\.\\d+)*'
const PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?\\d*)?'
const POST = '(?:-\\d+|[-_.]?(?:post|rev|r)[-_.]?\\d*)?'
const DEV = '(?:[-_.]?dev[-_.]?\\d*)?'
const LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?'
const WS = `[${SPACE}]*`
const CLAUSE = new RegExp(
  `^${WS}(?:` +
    `===${WS}[^${SPACE};)]*` +
    `|(?:==|!=)${WS}${RELEASE}(?:\\.\\*|${PRE}${POST}${DEV}${LOCAL})` +
    `|~=${WS}v?(?:\\d+!)?\\d+(?:\\.\\d+)+${PRE}${POST}${DEV}` +
    `|(?:<=|>=|<|>)${WS}${RELEASE}${PRE}${POST}${DEV}` +
    `)${WS}$`,
  'i'
)

/** A parsed clause: how packaging holds a `Specifier`. */
interface Clause {
  specifier: Specifier
  /** operator + version as written: `str(Specifier)`. */
  text: string
  /** The clause's version, parsed; undefined for `===` of a non-version and for wildcards. */
  version?: Version
  /** `_canonical_spec`: clauses equal however the version is spelled. */
  canonical: string
  /** What `Specifier.prereleases` says by default: a clause naming a pre-release opts them in. */
  optsInPrereleases: boolean
  /** The final releases the clause allows. */
  allowed: VersionSet
  matches: (item: string, version: Version | undefined) => boolean
}

/**
 * A PEP 440 specifier set, modelled on `packaging.specifiers.SpecifierSet` (packaging 26): membership
 * (`contains`, `filter`) answers exactly as packaging does for every version. For comparing sets, what
 * it allows of final releases is also kept as a VersionSet, so that comparisons are exact set operations.
 */
export class SpecifierSet {
  private constructor(
    private readonly clauses: readonly Clause[],
    /** The final releases the set allows. */
    readonly allowed: VersionSet
  ) {}

  static readonly ANY = new SpecifierSet([], VersionSet.ALL)

  /** Parses `>=1.0, <2`; undefined where packaging raises InvalidSpecifier. '' allows everything. */
  static parse(text: string): SpecifierSet | undefined {
    const clauses: Clause[] = []
    let allowed = VersionSet.ALL
    for (const raw of text.split(',')) {
      if (strip(raw) === '') continue
      const clause = parseClause(raw)
      if (!clause) return undefined
      clauses.push(clause)
      allowed = allowed.intersection(clause.allowed)
    }
    return new SpecifierSet(canonicalOrder(clauses), allowed)
  }

  get specifiers(): readonly Specifier[] {
    return this.clauses.map(c => c.specifier)
  }

  /** `str(SpecifierSet)`: clauses as written, sorted, each spelling of one clause once: `<3,>=2.31`. */
  toString(): string {
    return this.clauses.map(c => c.text).join(',')
  }

  get isAny(): boolean {
    return this.clauses.length === 0
  }

  /**
   * `SpecifierSet.contains`: every clause matches. A pre-release matches unless `prereleases` is false
   * (packaging 26; 23 refused them by default unless a clause named one). `===` compares the text given.
   */
  contains(version: string | Version, options: PrereleaseOption = {}): boolean {
    const item = String(version)
    const parsed = typeof version === 'string' ? Version.parse(version) : version
    if (options.prereleases === false && parsed?.isPrerelease) return false
    return this.clauses.every(c => c.matches(item, parsed))
  }

  /**
   * `SpecifierSet.filter`: the versions the set contains; by default pre-releases only when no final
   * release matches, or when a clause names a pre-release.
   */
  filter<T extends string | Version>(versions: readonly T[], options: PrereleaseOption = {}): T[] {
    const prereleases =
      options.prereleases ?? (this.clauses.some(c => c.optsInPrereleases) ? true : undefined)
    const matching = versions.filter(v => this.contains(v, { prereleases: prereleases ?? true }))
    if (prereleases !== undefined) return matching
    const parsed = (v: T): Version | undefined =>
      typeof v === 'string' ? Version.parse(v) : (v as Version)
    return matching.some(v => parsed(v)?.isPrerelease === false)
      ? matching.filter(v => !parsed(v)?.isPrerelease)
      : matching
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

/** Sorted by text; of clauses equal in canonical form, the first in that order stays (packaging 26). */
function canonicalOrder(clauses: Clause[]): Clause[] {
  const sorted = [...clauses].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
  const seen = new Set<string>()
  return sorted.filter(c => !seen.has(c.canonical) && seen.add(c.canonical))
}

/** One clause, or undefined where packaging's `Specifier()` raises InvalidSpecifier. */
export function parseSpecifier(text: string): Specifier | undefined {
  return parseClause(text)?.specifier
}

function parseClause(raw: string): Clause | undefined {
  if (!CLAUSE.test(raw)) return undefined
  const spec = strip(raw)
  const length = spec.startsWith('===') ? 3 : /^(?:~=|==|!=|<=|>=)/.test(spec) ? 2 : 1
  const operator = spec.slice(0, length) as Operator
  const written = strip(spec.slice(length))
  const text = `${operator}${written}`
  if (operator === '===') return arbitraryClause(written, text)
  const wildcard = written.endsWith('.*')
  const version = Version.parse(wildcard ? written.slice(0, -2) : written)
  if (!version) return undefined
  const specifier = {
    operator,
    version: wildcard ? written.slice(0, -2) : written,
    wildcard
  }
  if (wildcard) {
    const prefix = wildcardPrefix(written.slice(0, -2))
    const equal = (v: Version | undefined) => v !== undefined && prefixMatches(prefix, v)
    const inPrefix = prefixSet(version)
    return {
      specifier,
      text,
      canonical: text,
      optsInPrereleases: false,
      allowed: operator === '==' ? inPrefix : inPrefix.complement(),
      matches: (_item, v) => v !== undefined && (operator === '==' ? equal(v) : !equal(v))
    }
  }
  const compare = COMPARISONS[operator](version, written)
  return {
    specifier,
    text,
    version,
    canonical: `${operator}${operator === '~=' ? version.text : version.canonical}`,
    optsInPrereleases: operator !== '!=' && version.isPrerelease,
    allowed: finalReleases(operator, version, written),
    matches: (_item, v) => v !== undefined && compare(v)
  }
}

/** `===`: case-insensitive equality of text, the version's or the one given (packaging keeps it raw). */
function arbitraryClause(written: string, text: string): Clause {
  const version = Version.parse(written)
  return {
    specifier: { operator: '===', version: written, wildcard: false },
    text,
    ...(version && { version }),
    canonical: text,
    optsInPrereleases: version?.isPrerelease ?? false,
    // Over release keys, where `1.0` and `1.0.0` are one point, the closest set is that point.
    allowed: version?.isFinal ? VersionSet.point(keyOf(version)) : VersionSet.EMPTY,
    matches: item => item.toLowerCase() === written.toLowerCase()
  }
}

type Comparison = (spec: Version, written: string) => (candidate: Version) => boolean

/** packaging's `Specifier._compare_*`, one per operator. */
const COMPARISONS: Record<Exclude<Operator, '==='>, Comparison> = {
  '==': spec => candidate => equalTo(spec, candidate),
  '!=': spec => candidate => !equalTo(spec, candidate),
  '<=': spec => candidate => candidate.publicVersion.compare(spec) <= 0,
  '>=': spec => candidate => candidate.publicVersion.compare(spec) >= 0,
  // `<V` excludes V's own pre-releases unless V is one.
  '<': spec => {
    const earliest = spec.with({ dev: 0n, local: undefined })
    return candidate =>
      candidate.compare(spec) < 0 &&
      !(!spec.isPrerelease && candidate.isPrerelease && candidate.compare(earliest) >= 0)
  },
  // `>V` excludes V's post-releases unless V is one, and V's local versions.
  '>': spec => candidate =>
    candidate.compare(spec) > 0 &&
    !(
      !spec.isPostrelease &&
      candidate.isPostrelease &&
      candidate.with({ post: undefined, dev: undefined, local: undefined }).equals(spec)
    ) &&
    !(candidate.local !== undefined && candidate.publicVersion.equals(spec)),
  // `~=2.2.1` is `>=2.2.1, ==2.2.*`, the prefix cut from the version as written.
  '~=': (spec, written) => {
    const prefix = wildcardPrefix(compatiblePrefix(written))
    return candidate =>
      candidate.publicVersion.compare(spec) >= 0 && prefixMatches(prefix, candidate)
  }
}

/** A clause without a local label ignores the candidate's. */
function equalTo(spec: Version, candidate: Version): boolean {
  return (spec.local === undefined ? candidate.publicVersion : candidate).equals(spec)
}

// Prefix matching works on text, as packaging does: `_version_split`, then pad and compare parts.
const PRE_IN_PART = /^(\d+)((?:a|b|c|rc)\d+)$/

function splitVersion(version: string): string[] {
  const bang = version.lastIndexOf('!')
  const parts = [bang < 0 ? '0' : version.slice(0, bang) || '0']
  for (const item of version.slice(bang + 1).split('.')) {
    const match = PRE_IN_PART.exec(item)
    if (match) for (const part of match.slice(1)) parts.push(part as string)
    else parts.push(item)
  }
  return parts
}

const isDigits = (part: string) => /^\d+$/.test(part)
const numericLength = (parts: string[]) => {
  const index = parts.findIndex(p => !isDigits(p))
  return index < 0 ? parts.length : index
}

/** `~=`'s prefix: the release as written, less its last part, as `epoch!release`. */
function compatiblePrefix(written: string): string {
  const parts = splitVersion(written)
  const end = parts.findIndex(p => ['dev', 'a', 'b', 'rc', 'post'].some(s => p.startsWith(s)))
  const [epoch, ...release] = (end < 0 ? parts : parts.slice(0, end)).slice(0, -1)
  return `${epoch}!${release.join('.')}`
}

interface Prefix {
  parts: string[]
  numeric: number
}

function wildcardPrefix(version: string): Prefix {
  const parts = splitVersion(Version.parse(version)?.text ?? version)
  return { parts, numeric: numericLength(parts) }
}

/** The candidate's public version, padded with zeros to the prefix's length, starts with the prefix. */
function prefixMatches(prefix: Prefix, candidate: Version): boolean {
  const parts = splitVersion(candidate.public)
  const numeric = numericLength(parts)
  const padding = Math.max(0, prefix.numeric - numeric)
  const padded = [
    ...parts.slice(0, numeric),
    ...Array<string>(padding).fill('0'),
    ...parts.slice(numeric)
  ]
  return prefix.parts.every((part, index) => padded[index] === part)
}

function keyOf(version: Version): ReleaseKey {
  return releaseKey(version.epoch, version.release)
}

/** `==1.2.*`: every release from 1.2 up to, not including, 1.3. */
function prefixSet(version: Version): VersionSet {
  const { release } = version
  const next = [...release.slice(0, -1), (release[release.length - 1] ?? 0) + 1]
  return VersionSet.range(below(keyOf(version)), below(releaseKey(version.epoch, next)))
}

/** Where a version sorts among final releases: a pre- or dev-release just below its release. */
function cutsAround(version: Version): { low: Cut; high: Cut } {
  const key = keyOf(version)
  if (version.isFinal) return { low: below(key), high: above(key) }
  const belowRelease =
    version.pre !== undefined || (version.post === undefined && version.dev !== undefined)
  const cut = belowRelease ? below(key) : above(key)
  return { low: cut, high: cut }
}

/** The final releases an ordered, equality or compatible clause allows. */
function finalReleases(
  operator: Exclude<Operator, '==='>,
  version: Version,
  written: string
): VersionSet {
  const { low, high } = cutsAround(version)
  switch (operator) {
    case '>=':
      return VersionSet.range(low)
    case '>':
      return VersionSet.range(high)
    case '<=':
      return VersionSet.range(below([]), high)
    case '<':
      return VersionSet.range(below([]), low)
    case '==':
    case '!=': {
      const point = version.isFinal ? VersionSet.point(keyOf(version)) : VersionSet.EMPTY
      return operator === '==' ? point : point.complement()
    }
    case '~=': {
      const prefix = Version.parse(compatiblePrefix(written))
      return prefix ? prefixSet(prefix).intersection(VersionSet.range(low)) : VersionSet.EMPTY
    }
  }
}
