// What packaging 23.0 (Debian's /usr/bin/python3) answers otherwise than the current packaging, so that
// the differential tests skip exactly those answers under 23.0. Each rule names the change.
import type { Answer, Item } from './requirements-oracle.js'

export type Field = 'valid' | 'str' | 'marker' | 'evaluations' | 'specifier'

const VERSION_NAMES = new Set([
  'implementation_version',
  'platform_release',
  'python_full_version',
  'python_version'
])
const ORDERING = new Set(['<', '<=', '>', '>=', '~=', '==='])
const ITEM =
  /(\w+) (not in|in|===|==|~=|!=|<=|>=|<|>) "([^"]*)"|"([^"]*)" (not in|in|===|==|~=|!=|<=|>=|<|>) (\w+)/g
const LOOKS_LIKE_VERSION = /^\s*v?\d/

/** The fields of `ours` (the current packaging's answer) that packaging 23.0 gives otherwise. */
export function changedSince23(item: Item, ours: Answer): Set<Field> {
  const changed = new Set<Field>()
  const text = item.text
  // 25.0 added the `extras` and `dependency_groups` names (PEP 751).
  if (/\b(?:extras|dependency_groups)\b/.test(text)) return allFields()
  // 23.0's Marker() read a marker and ignored what followed it (fixed in 23.1).
  if (item.kind === 'marker' && !ours.valid) return allFields()
  // 23.0 printed `name@ url` (fixed in 23.1), and refused a URL without a scheme and a host, or a
  // file: URL that urllib does not give back unchanged (dropped in 24.0).
  if (ours.url) changed.add('str')
  if (ours.url && !/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]/i.test(ours.url)) return allFields()
  if (ours.url?.toLowerCase().startsWith('file:')) return allFields()
  const marker = ours.marker ?? (item.kind === 'marker' ? ours.str : undefined)
  if (marker === undefined || marker === null) return changed
  // 23.0 normalised only the first item's extra in the printed marker.
  if (extraNormalisedPastFirst(marker, text)) changed.add('str').add('marker')
  if (evaluatesOtherwise(marker)) changed.add('evaluations')
  return changed
}

function allFields(): Set<Field> {
  return new Set<Field>(['valid', 'str', 'marker', 'evaluations', 'specifier'])
}

const OP = String.raw`(?:===|==|!=|~=|<=|>=|<|>|not\s+in|in)`
const EXTRA_LITERAL = new RegExp(
  String.raw`\bextra\s*${OP}\s*(['"])(.*?)\1|(['"])([^'"]*)\3\s*${OP}\s*extra\b`,
  'g'
)

function extraNormalisedPastFirst(marker: string, text: string): boolean {
  const unnormalised = [...text.matchAll(EXTRA_LITERAL)].some(m =>
    /[A-Z_.]|--/.test(m[2] ?? m[4] ?? '')
  )
  return unnormalised && !/^\(*(?:extra |"[^"]*" [^"]+ extra\b)/.test(marker)
}

/**
 * 26.0 compares as versions only the names that hold versions (`python_version`, …), and other names
 * by equality alone; 23.0 tried a version comparison for every name, Python's string order otherwise,
 * and raised on a value that is no version.
 */
function evaluatesOtherwise(marker: string): boolean {
  for (const m of marker.matchAll(ITEM)) {
    const [name, operator, value, literalFirst] = m[1]
      ? [m[1], m[2] ?? '', m[3] ?? '', false]
      : [m[6] ?? '', m[5] ?? '', m[4] ?? '', true]
    // Not every platform_release is a version (`6.1.0-18-amd64`): 23.0 raised where 26.0 says false.
    if (name === 'platform_release') return true
    const versionName = VERSION_NAMES.has(name)
    if (!versionName && (ORDERING.has(operator) || LOOKS_LIKE_VERSION.test(value))) return true
    if (versionName && (ORDERING.has(operator) || operator === '==' || operator === '!='))
      if (!LOOKS_LIKE_VERSION.test(value) || literalFirst || /[*+]/.test(value)) return true
  }
  return false
}
