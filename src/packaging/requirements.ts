import {
  parsePipRequirementsLine,
  type EnvironmentMarker,
  type ProjectNameRequirement,
  type ProjectURLRequirement
} from 'pip-requirements-js'
import { normalizeName } from './names.js'
import { normalizeSpecifier } from './specifiers.js'

/** A PEP 508 requirement with every part in normal form, so that equal meanings compare equal. */
export interface Requirement {
  /** As written. */
  text: string
  name: string
  /** PEP 503 normalised. */
  key: string
  extras: string[]
  /** Clauses normalised and sorted; '' for any version. */
  specifier: string
  url?: string
  /** Canonical marker text; '' when there is none. */
  marker: string
}

export type RequirementParse =
  { ok: true; requirement: Requirement } | { ok: false; text: string; error: string }

/** Parses one PEP 508 requirement; never throws. */
export function parseRequirement(text: string): RequirementParse {
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
  const specifier =
    parsed.type === 'ProjectName'
      ? normalizeSpecifier(
          (parsed.versionSpec ?? []).map(s => `${s.operator}${s.version}`).join(',')
        )
      : ''
  return {
    ok: true,
    requirement: {
      text: text.trim(),
      name: parsed.name,
      key: normalizeName(parsed.name),
      extras: [...new Set((parsed.extras ?? []).map(normalizeName))].sort(),
      specifier,
      ...(parsed.type === 'ProjectURL' && { url: parsed.url }),
      marker: parsed.environmentMarkerTree ? printMarker(parsed.environmentMarkerTree) : ''
    }
  }
}

/** Prints a marker tree with double quotes and only the parentheses precedence needs. */
export function printMarker(marker: EnvironmentMarker, parent?: 'and' | 'or'): string {
  if ('left' in marker && typeof marker.left === 'object') {
    const node = marker as {
      operator: 'and' | 'or'
      left: EnvironmentMarker
      right: EnvironmentMarker
    }
    const text = `${printMarker(node.left, node.operator)} ${node.operator} ${printMarker(node.right, node.operator)}`
    return parent === 'and' && node.operator === 'or' ? `(${text})` : text
  }
  const leaf = marker as { left: string; operator: string; right: string }
  return `${printOperand(leaf.left)} ${leaf.operator} ${printOperand(leaf.right)}`
}

function printOperand(operand: string): string {
  const quoted = /^(['"])(.*)\1$/s.exec(operand)
  return quoted ? JSON.stringify(quoted[2]) : operand
}

/** The requirement in canonical form, for display: `name[extras] specifier ; marker` or `name @ url`. */
export function formatRequirement(requirement: Requirement): string {
  const extras = requirement.extras.length ? `[${requirement.extras.join(',')}]` : ''
  const version = requirement.url ? ` @ ${requirement.url}` : requirement.specifier
  const marker = requirement.marker ? `; ${requirement.marker}` : ''
  return `${requirement.key}${extras}${version}${marker}`
}
