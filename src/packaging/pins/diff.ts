import { normalizeName } from '../names.js'
import { Version } from '../version.js'
import type { LockedFile, Pin, PinChange, PinSet } from './types.js'

/**
 * Pins whose version differs between two sets, by PEP 503 name, sorted by name then version.
 *
 * A name may be pinned at several versions on one side (a uv fork by marker, two requirements
 * files). The sides are compared as sets of versions (equal under PEP 440, `1.0` = `1.0.0`): a
 * version on both sides is unchanged. Each version only the head has is one change from the
 * nearest base version (the highest below it: upgraded; else the lowest above: downgraded); each
 * version only the base had, and that no such change starts from, is one change to the nearest
 * head version (the lowest above it, else the highest below). A name on one side only is added or
 * removed, once per version. The same version pinned in several files is one pin: the first file's,
 * with every file's hashes.
 */
export function diffPins(base: PinSet, head: PinSet): PinChange[] {
  const before = byName(base.pins)
  const after = byName(head.pins)
  const names = [...new Set([...before.keys(), ...after.keys()])].sort()
  return names.flatMap(name => changesOf(name, before.get(name) ?? [], after.get(name) ?? []))
}

function changesOf(name: string, base: Pin[], head: Pin[]): PinChange[] {
  if (!base.length) return head.map(current => ({ name, kind: 'added' as const, current }))
  if (!head.length) return base.map(previous => ({ name, kind: 'removed' as const, previous }))
  const changes: PinChange[] = []
  const startsOfChanges = new Set<Pin>()
  for (const current of head.filter(pin => !has(base, pin))) {
    const previous = nearest(base, current, 'below') ?? nearest(base, current, 'above')
    if (!previous) continue
    startsOfChanges.add(previous)
    changes.push(change(name, previous, current))
  }
  for (const previous of base.filter(pin => !has(head, pin) && !startsOfChanges.has(pin))) {
    const current = nearest(head, previous, 'above') ?? nearest(head, previous, 'below')
    if (current) changes.push(change(name, previous, current))
  }
  return changes.sort(
    (a, b) =>
      compareVersionText(a.current?.version ?? '', b.current?.version ?? '') ||
      compareVersionText(a.previous?.version ?? '', b.previous?.version ?? '')
  )
}

function change(name: string, previous: Pin, current: Pin): PinChange {
  const kind = compareVersionText(current.version, previous.version) > 0 ? 'upgraded' : 'downgraded'
  return { name, kind, previous, current }
}

const has = (pins: Pin[], pin: Pin) =>
  pins.some(p => compareVersionText(p.version, pin.version) === 0)

/** Of `pins` (sorted), the highest below `pin`, or the lowest above it. */
function nearest(pins: Pin[], pin: Pin, side: 'below' | 'above'): Pin | undefined {
  if (side === 'above') return pins.find(p => compareVersionText(p.version, pin.version) > 0)
  return pins.filter(p => compareVersionText(p.version, pin.version) < 0).at(-1)
}

/** Each name's pins, one per version (sorted), each merging the hashes of that version's pins. */
function byName(pins: Pin[]): Map<string, Pin[]> {
  const grouped = new Map<string, Pin[]>()
  for (const pin of pins) {
    const key = normalizeName(pin.name)
    const versions = grouped.get(key) ?? []
    grouped.set(key, versions)
    const same = versions.findIndex(p => compareVersionText(p.version, pin.version) === 0)
    if (same < 0) versions.push({ ...pin, hashes: [...pin.hashes] })
    else
      versions[same] = {
        ...versions[same]!,
        hashes: mergeHashes(versions[same]!.hashes, pin.hashes)
      }
  }
  for (const versions of grouped.values())
    versions.sort((a, b) => compareVersionText(a.version, b.version))
  return grouped
}

function mergeHashes(kept: LockedFile[], more: LockedFile[]): LockedFile[] {
  const merged = [...kept]
  for (const hash of more)
    if (!merged.some(h => h.sha256 === hash.sha256 && h.filename === hash.filename))
      merged.push(hash)
  return merged
}

/**
 * PEP 440 order; a version that is no PEP 440 version (an `===` pin of arbitrary text) sorts before
 * every valid one, as packaging's LegacyVersion did, and such versions among themselves by their
 * text (equal only when spelled alike).
 */
export function compareVersionText(a: string, b: string): number {
  const left = Version.parse(a)
  const right = Version.parse(b)
  if (left && right) return left.compare(right)
  if (left || right) return left ? 1 : -1
  return a < b ? -1 : a > b ? 1 : 0
}
