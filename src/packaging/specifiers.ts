import { explain, satisfies, validRange } from '@renovatebot/pep440'

export type SetChange = 'unchanged' | 'narrowed' | 'widened' | 'shifted'

/** Normalised text of a specifier set: clauses trimmed and sorted, so order and spacing do not count. */
export function normalizeSpecifier(specifier: string): string {
  return specifier
    .split(',')
    .map(clause => clause.replace(/\s+/g, ''))
    .filter(clause => clause !== '')
    .sort()
    .join(',')
}

export function isValidSpecifier(specifier: string): boolean {
  return normalizeSpecifier(specifier) === '' || validRange(normalizeSpecifier(specifier))
}

export function allows(specifier: string, version: string): boolean {
  const normalized = normalizeSpecifier(specifier)
  return normalized === '' || satisfies(version, normalized)
}

/**
 * Compares what two specifier sets allow, as sets. Versions are probed at and around every boundary either
 * side names (each release segment one up and one down, and just past it), which is where two sets of
 * PEP 440 intervals can differ. Hand-written: no npm package compares specifier sets.
 */
export function compareSpecifierSets(before: string, after: string): SetChange {
  let lost = false
  let gained = false
  for (const probe of probeVersions([before, after])) {
    const was = allows(before, probe)
    const is = allows(after, probe)
    if (was && !is) lost = true
    if (!was && is) gained = true
  }
  if (lost && gained) return 'shifted'
  return lost ? 'narrowed' : gained ? 'widened' : 'unchanged'
}

const VERSION_IN_CLAUSE = /(?:===|==|!=|~=|<=|>=|<|>)\s*([^,\s]+)/g

export function probeVersions(specifiers: string[]): string[] {
  const probes = new Set(['0', '0.0.1', '1', '99999'])
  for (const specifier of specifiers) {
    for (const [, raw = ''] of specifier.matchAll(VERSION_IN_CLAUSE)) {
      const release = explain(raw.replace(/\.\*$/, ''))?.release
      if (!release) continue
      for (const version of neighbours(release)) probes.add(version)
    }
  }
  return [...probes]
}

function neighbours(release: number[]): string[] {
  const padded = [...release, 0, 0, 0].slice(0, Math.max(3, release.length))
  const versions = [padded.join('.'), [...padded, 1].join('.'), `${padded.join('.')}.post1`]
  padded.forEach((segment, index) => {
    for (const delta of [-1, 1]) {
      if (segment + delta < 0) continue
      const bumped = [...padded.slice(0, index), segment + delta]
      versions.push(bumped.join('.'), [...bumped, 99].join('.'))
    }
  })
  return versions
}
