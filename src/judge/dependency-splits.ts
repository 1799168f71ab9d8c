import type { DependencyChange, DependencyChangeKind } from '../compare/dependencies.js'
import type { Environment } from '../packaging/marker-environments.js'
import { formatRequirement, type Requirement } from '../packaging/requirements.js'
import type { VersionSet } from '../packaging/version-set.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import { supportedEnvironments } from './dependency-reach.js'

/**
 * One dependency declared again under other markers (anyio 4.12.0's `trio>=0.31.0; extra == "trio"`
 * became `trio>=0.32.0` on Python ≥ 3.10 and `trio>=0.31.0` below): the changes pairing finds for it,
 * judged as one by what every supported environment gets before and after.
 */
export interface DependencySplit {
  key: string
  kind: Exclude<DependencyChangeKind, 'moved'>
  changes: DependencyChange[]
  before: Requirement[]
  after: Requirement[]
  /** For `tightened`: no environment lost anything but versions below its new minimum. */
  floorOnly: boolean
  /** No supported environment gets other versions than before. */
  noEffectiveChange: boolean
}

type Metadata = { previous: PackageMetadata; current: PackageMetadata }

const extrasKey = (r: Requirement) => [...(r.marker?.extras ?? [])].sort().join(',')

/** The versions of `key` an environment gets: what every requirement whose marker holds allows. */
function allowedIn(requirements: Requirement[], env: Environment): VersionSet | undefined {
  const applying = requirements.filter(r => !r.marker || r.marker.evaluate(env))
  return applying
    .map(r => r.specifier.allowed)
    .reduce<VersionSet | undefined>((a, b) => (a ? a.intersection(b) : b), undefined)
}

type Move = 'same' | 'narrowed-floor' | 'narrowed' | 'widened' | 'other'

function moveIn(before: Requirement[], after: Requirement[], env: Environment): Move {
  const [was, now] = [allowedIn(before, env), allowedIn(after, env)]
  if (!was || !now) return was === now ? 'same' : 'other'
  const lost = !was.isSubsetOf(now)
  const gained = !now.isSubsetOf(was)
  if (!lost) return gained ? 'widened' : 'same'
  if (gained) return 'other'
  return was.losesOnlyBelow(now) ? 'narrowed-floor' : 'narrowed'
}

function verdict(moves: Move[]): Pick<DependencySplit, 'kind' | 'floorOnly' | 'noEffectiveChange'> {
  const seen = new Set(moves.filter(m => m !== 'same'))
  const narrowed = [...seen].every(m => m === 'narrowed' || m === 'narrowed-floor')
  const kind = !seen.size
    ? 'changed'
    : narrowed
      ? 'tightened'
      : [...seen].every(m => m === 'widened')
        ? 'loosened'
        : 'changed'
  return {
    kind,
    floorOnly: kind === 'tightened' && !seen.has('narrowed'),
    noEffectiveChange: !seen.size
  }
}

/**
 * The dependencies whose requirements were re-declared under other markers with the same extras on
 * both sides, so that pairing by marker found more than one change for them (an addition beside a
 * marker change, say). A requirement gained by or lost from an extra is not one: its reach changed.
 */
export function dependencySplits(
  changes: DependencyChange[],
  metadata: Metadata
): DependencySplit[] {
  const splits: DependencySplit[] = []
  const counted = changes.filter(c => c.kind !== 'moved')
  const keys = [...new Set(counted.map(c => c.key))].filter(
    key => counted.filter(c => c.key === key).length > 1
  )
  const envs = keys.length ? supportedEnvironments(metadata) : []
  for (const key of keys) {
    const own = counted.filter(c => c.key === key)
    const before = metadata.previous.requirements.filter(r => r.key === key)
    const after = metadata.current.requirements.filter(r => r.key === key)
    const reaches = new Set([...before, ...after].map(extrasKey))
    if (own.length < 2 || !before.length || !after.length || reaches.size !== 1) continue
    if ([...before, ...after].some(r => r.url)) continue
    const judged = verdict(envs.map(env => moveIn(before, after, env)))
    // Nothing moved anywhere: each line's own info finding says why (a marker that can no longer hold).
    if (!judged.noEffectiveChange) splits.push({ key, changes: own, before, after, ...judged })
  }
  return splits
}

/** `trio>=0.31.0; extra == "trio" → trio>=0.32.0; python_version >= "3.10" and … / trio>=0.31.0; …` */
export function splitText(split: DependencySplit): string {
  const listed = (requirements: Requirement[]) => requirements.map(formatRequirement).join(' / ')
  const how =
    split.after.length > split.before.length
      ? 'now declared per environment marker'
      : split.after.length < split.before.length
        ? 'declared under fewer markers'
        : 'declared under other markers'
  return `${how}: ${listed(split.before)} → ${listed(split.after)}`
}
