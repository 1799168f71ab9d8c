/**
 * A PEP 440 version, modelled on `packaging.version.Version` (packaging 26): the same permissive
 * spellings, the same normal form and the same ordering. Written here: the npm PEP 440 libraries disagree
 * with packaging on local labels and crash on versions it orders without trouble.
 */
export type PreLabel = 'a' | 'b' | 'rc'
export type LocalPart = bigint | string

/** Python's `str.isspace()` characters, which `\s` and `str.strip()` use on text. */
const SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'

/** packaging's VERSION_PATTERN (case-insensitive, ASCII letters and digits only), anchored. */
const VERSION = new RegExp(
  `^[${SPACE}]*v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)` +
    '(?:[._-]?(alpha|a|beta|b|preview|pre|c|rc)[._-]?(\\d+)?)?' +
    '(?:-(\\d+)|[._-]?(post|rev|r)[._-]?(\\d+)?)?' +
    '(?:[._-]?(dev)[._-]?(\\d+)?)?' +
    `(?:\\+([a-z0-9]+(?:[._-][a-z0-9]+)*))?[${SPACE}]*$`,
  'i'
)

const PRE_LABELS: Record<string, PreLabel> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc'
}
const PRE_RANK: Record<PreLabel, number> = { a: 0, b: 1, rc: 2 }

export interface VersionParts {
  epoch?: bigint
  release: readonly bigint[]
  pre?: readonly [PreLabel, bigint]
  post?: bigint
  dev?: bigint
  local?: readonly LocalPart[]
}

export class Version {
  /** The normal form, `str(Version)`: `1.0.0-RC1` → `1.0.0rc1`, `1.0+ubuntu-1` → `1.0+ubuntu.1`. */
  readonly text: string
  private readonly parts: Required<Pick<VersionParts, 'epoch' | 'release'>> & VersionParts
  /** The release without trailing zeros (`1.0.0` and `1` are equal). */
  private readonly trimmed: readonly bigint[]
  private readonly suffix: readonly bigint[]
  private withoutLocal?: Version

  private constructor(parts: VersionParts) {
    this.parts = { ...parts, epoch: parts.epoch ?? 0n }
    const trimmed = [...parts.release]
    while (trimmed.length && trimmed[trimmed.length - 1] === 0n) trimmed.pop()
    this.trimmed = trimmed
    this.suffix = suffixKey(parts)
    this.text = format(this.parts)
  }

  /** undefined where packaging raises InvalidVersion. */
  static parse(text: string): Version | undefined {
    const match = VERSION.exec(text)
    if (!match) return undefined
    const [
      ,
      epoch,
      release,
      preLabel,
      preNumber,
      postImplicit,
      postLabel,
      postNumber,
      dev,
      devNumber
    ] = match
    const local = match[10]
    return new Version({
      ...(epoch !== undefined && { epoch: BigInt(epoch) }),
      release: (release ?? '0').split('.').map(BigInt),
      ...(preLabel !== undefined && {
        pre: [PRE_LABELS[preLabel.toLowerCase()] ?? 'rc', BigInt(preNumber ?? 0)] as const
      }),
      ...((postImplicit ?? postLabel) !== undefined && {
        post: BigInt(postImplicit ?? postNumber ?? 0)
      }),
      ...(dev !== undefined && { dev: BigInt(devNumber ?? 0) }),
      ...(local !== undefined && { local: parseLocal(local) })
    })
  }

  static fromParts(parts: VersionParts): Version {
    return new Version(parts)
  }

  /** This version with some parts replaced (`undefined` clears one), like `Version.__replace__`. */
  with(changes: Partial<VersionParts>): Version {
    return new Version({ ...this.parts, ...changes })
  }

  get epoch(): number {
    return Number(this.parts.epoch)
  }

  get release(): readonly number[] {
    return this.parts.release.map(Number)
  }

  get pre(): readonly [PreLabel, number] | undefined {
    const pre = this.parts.pre
    return pre && [pre[0], Number(pre[1])]
  }

  get post(): number | undefined {
    return this.parts.post === undefined ? undefined : Number(this.parts.post)
  }

  get dev(): number | undefined {
    return this.parts.dev === undefined ? undefined : Number(this.parts.dev)
  }

  /** The local label in normal form (`ubuntu.1`), undefined when there is none. */
  get local(): string | undefined {
    return this.parts.local?.map(String).join('.')
  }

  /** The version without its local label: `1!1.2.3.dev1` of `1!1.2.3dev1+abc`. */
  get public(): string {
    return this.text.split('+', 1)[0] ?? this.text
  }

  /** Epoch and release only: `1!2.0` of `1!2.0rc1.post3+abc`. */
  get baseVersion(): string {
    return format({ epoch: this.parts.epoch, release: this.parts.release })
  }

  /** A pre-release or a development release (packaging's `is_prerelease`). */
  get isPrerelease(): boolean {
    return this.parts.pre !== undefined || this.parts.dev !== undefined
  }

  get isPostrelease(): boolean {
    return this.parts.post !== undefined
  }

  get isDevrelease(): boolean {
    return this.parts.dev !== undefined
  }

  /** A release segment only (no pre, post, dev or local part). */
  get isFinal(): boolean {
    return !this.isPrerelease && !this.isPostrelease && this.parts.local === undefined
  }

  /** The version without its local label. */
  get publicVersion(): Version {
    if (this.parts.local === undefined) return this
    return (this.withoutLocal ??= this.with({ local: undefined }))
  }

  /** `1.0` of `1.0.0`: the normal form with trailing zeros of the release dropped (one kept). */
  get canonical(): string {
    const release = this.trimmed.length ? this.trimmed : [0n]
    return format({ ...this.parts, release })
  }

  compare(other: Version): number {
    return Version.compare(this, other)
  }

  equals(other: Version | undefined): boolean {
    return other !== undefined && this.compare(other) === 0
  }

  toString(): string {
    return this.text
  }

  /** packaging's `_cmpkey` order. */
  static compare(a: Version, b: Version): number {
    return (
      sign(a.parts.epoch, b.parts.epoch) ||
      compareSequences(a.trimmed, b.trimmed, sign) ||
      compareSequences(a.suffix, b.suffix, sign) ||
      compareLocal(a.parts.local, b.parts.local)
    )
  }
}

function parseLocal(local: string): LocalPart[] {
  return local.split(/[._-]/).map(part => (/^\d+$/.test(part) ? BigInt(part) : part.toLowerCase()))
}

function format(parts: VersionParts): string {
  let text = parts.release.join('.')
  if (parts.epoch) text = `${parts.epoch}!${text}`
  if (parts.pre) text += `${parts.pre[0]}${parts.pre[1]}`
  if (parts.post !== undefined) text += `.post${parts.post}`
  if (parts.dev !== undefined) text += `.dev${parts.dev}`
  if (parts.local !== undefined) text += `+${parts.local.map(String).join('.')}`
  return text
}

const sign = (a: bigint | number, b: bigint | number) => (a < b ? -1 : a > b ? 1 : 0)

/** packaging's `_cmpkey`: dev-only < a < b < rc < final, then without post < post, dev < no dev, then local. */
function suffixKey(parts: VersionParts): bigint[] {
  const { pre, post, dev } = parts
  const preRank =
    pre === undefined ? (post === undefined && dev !== undefined ? -1 : 3) : PRE_RANK[pre[0]]
  return [
    BigInt(preRank),
    pre?.[1] ?? 0n,
    post === undefined ? 0n : 1n,
    post ?? 0n,
    dev === undefined ? 1n : 0n,
    dev ?? 0n
  ]
}

/** Lexicographic, a shorter sequence first when it is a prefix of the other. */
function compareSequences<T>(a: readonly T[], b: readonly T[], by: (x: T, y: T) => number): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const difference = by(a[i] as T, b[i] as T)
    if (difference) return difference
  }
  return sign(a.length, b.length)
}

/** PEP 440: in a local label, strings sort before numbers; numbers by value, strings by code point. */
function compareLocalParts(a: LocalPart, b: LocalPart): number {
  if (typeof a === 'string') return typeof b === 'string' ? (a < b ? -1 : a > b ? 1 : 0) : -1
  return typeof b === 'string' ? 1 : sign(a, b)
}

function compareLocal(a?: readonly LocalPart[], b?: readonly LocalPart[]): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0
  return compareSequences(a, b, compareLocalParts)
}

export function isValidVersion(version: string): boolean {
  return Version.parse(version) !== undefined
}

/** The PEP 440 normal form (`1.0.0-RC1` → `1.0.0rc1`), or the input when it is not a valid version. */
export function normalizeVersion(version: string): string {
  return Version.parse(version)?.text ?? version
}

/** PEP 440 ordering; undefined when either side is not a valid version. */
export function compareVersions(a: string, b: string): number | undefined {
  const left = Version.parse(a)
  const right = Version.parse(b)
  return left && right ? left.compare(right) : undefined
}

export function isPrerelease(version: string): boolean {
  return Version.parse(version)?.isPrerelease ?? false
}

/** A maintainer's word for a version step, e.g. "the next pre-release of 24.3.0". */
export function describeVersionStep(previous: string, current: string): string {
  const before = Version.parse(previous)
  const after = Version.parse(current)
  if (!before || !after) return 'a version change'
  const step = versionStep(before, after)
  return after.local === undefined
    ? step
    : `${step}, with a local version label (+${after.local}) that public indexes refuse`
}

function versionStep(before: Version, after: Version): string {
  if (before.epoch !== after.epoch)
    return `an epoch change (${before.epoch}! → ${after.epoch}!): every version of epoch ${after.epoch} sorts after all of epoch ${before.epoch}`
  if (before.baseVersion === after.baseVersion) {
    if (after.pre !== undefined && !after.isDevrelease)
      return `the next pre-release of ${after.baseVersion}`
    if (after.isDevrelease) return `the next development release of ${after.baseVersion}`
    if (before.isPrerelease) return `the final release of ${after.baseVersion}`
    if (after.isPostrelease) return `a post-release of ${after.baseVersion}`
    return 'a re-release of the same version'
  }
  const kind = releaseKind(before.release, after.release)
  return after.isPrerelease ? `a pre-release of the next ${kind} release` : `a ${kind} release`
}

function releaseKind(before: readonly number[], after: readonly number[]): string {
  if ((after[0] ?? 0) !== (before[0] ?? 0)) return 'major'
  if ((after[1] ?? 0) !== (before[1] ?? 0)) return 'minor'
  return 'patch'
}
