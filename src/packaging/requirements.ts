import {
  parsePipRequirementsLine,
  type ProjectNameRequirement,
  type ProjectURLRequirement
} from 'pip-requirements-js'
import { Marker } from './markers.js'
import { normalizeName } from './names.js'
import { SpecifierSet } from './specifiers.js'

/** A PEP 508 requirement, modelled on `packaging.requirements.Requirement`, every part typed. */
export interface Requirement {
  /** As written. */
  readonly text: string
  readonly name: string
  /** PEP 503 normalised. */
  readonly key: string
  /** Normalised and sorted. */
  readonly extras: readonly string[]
  readonly specifier: SpecifierSet
  readonly url?: string
  readonly marker?: Marker
}

export type RequirementParse =
  { ok: true; requirement: Requirement } | { ok: false; text: string; error: string }

/**
 * Parsed requirements by their text: the same lines recur in PKG-INFO, requires.txt and pyproject.toml
 * of both releases, and the PEG parser takes milliseconds a line (98 ms on pytest's pair). Results are
 * immutable, so they are shared.
 */
const parsedRequirements = new Map<string, RequirementParse>()
const MAX_CACHED = 10_000

/** Parses one PEP 508 requirement; never throws. */
export function parseRequirement(text: string): RequirementParse {
  let result = parsedRequirements.get(text)
  if (result === undefined) {
    result = parseUncached(text)
    if (parsedRequirements.size >= MAX_CACHED) parsedRequirements.clear()
    parsedRequirements.set(text, result)
  }
  return result
}

function parseUncached(text: string): RequirementParse {
  let parsed: ProjectNameRequirement | ProjectURLRequirement
  try {
    const result = parsePipRequirementsLine(text.trim())
    if (!result || (result.type !== 'ProjectName' && result.type !== 'ProjectURL')) {
      return { ok: false, text, error: 'not a PEP 508 requirement' }
    }
    parsed = result
  } catch (error) {
    return { ok: false, text, error: error instanceof Error ? error.message : String(error) }
  }
  const clauses =
    parsed.type === 'ProjectName'
      ? (parsed.versionSpec ?? []).map(s => `${s.operator}${s.version}`).join(',')
      : ''
  const specifier = SpecifierSet.parse(clauses)
  if (!specifier) return { ok: false, text, error: `invalid version specifier "${clauses}"` }
  return {
    ok: true,
    requirement: {
      text: text.trim(),
      name: parsed.name,
      key: normalizeName(parsed.name),
      extras: [...new Set((parsed.extras ?? []).map(normalizeName))].sort(),
      specifier,
      ...(parsed.type === 'ProjectURL' && { url: parsed.url }),
      ...(parsed.environmentMarkerTree && { marker: Marker.fromTree(parsed.environmentMarkerTree) })
    }
  }
}

/** The requirement in canonical form, for display: `name[extras] specifier ; marker` or `name @ url`. */
export function formatRequirement(requirement: Requirement): string {
  const extras = requirement.extras.length ? `[${requirement.extras.join(',')}]` : ''
  const version = requirement.url ? ` @ ${requirement.url}` : requirement.specifier.toString()
  const marker = requirement.marker ? `; ${requirement.marker}` : ''
  return `${requirement.key}${extras}${version}${marker}`
}

/** The same requirement however spelled: name, extras, URL and marker alike, and the same versions allowed. */
export function sameRequirement(a: Requirement, b: Requirement): boolean {
  return (
    a.key === b.key &&
    a.extras.join() === b.extras.join() &&
    a.url === b.url &&
    (a.marker?.toString() ?? '') === (b.marker?.toString() ?? '') &&
    a.specifier.equals(b.specifier)
  )
}

/** Whether two lists declare the same requirements, in any order. */
export function sameRequirements(a: readonly Requirement[], b: readonly Requirement[]): boolean {
  if (a.length !== b.length) return false
  const unmatched = [...b]
  return a.every(requirement => {
    const index = unmatched.findIndex(other => sameRequirement(requirement, other))
    return index >= 0 && unmatched.splice(index, 1).length === 1
  })
}
