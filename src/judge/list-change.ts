import type { PackageMetadata } from '../read/package-metadata.js'
import type { Severity } from './severity.js'
import type { Rule } from './types.js'

interface ListChangeSpec {
  id: string
  defaultSeverity: Severity
  description: string
  /** true: report values that appeared; false: values that vanished. */
  appeared: boolean
  values: (metadata: PackageMetadata) => string[]
  message: (
    value: string,
    current: PackageMetadata,
    metadata: { previous: PackageMetadata; current: PackageMetadata }
  ) => string
  /** What each finding is about, so that a broader finding can cover it (see RuleHit.subject). */
  subject?: (value: string) => string
}

/** A rule over a multiple-use field (extras, classifiers): one finding per value that came or went. */
export function listChangeRule(spec: ListChangeSpec): Rule {
  return {
    id: spec.id,
    defaultSeverity: spec.defaultSeverity,
    description: spec.description,
    check: ({ metadata }) => {
      const [from, to] = spec.appeared
        ? [metadata.previous, metadata.current]
        : [metadata.current, metadata.previous]
      const known = new Set(spec.values(from))
      return spec
        .values(to)
        .filter(value => !known.has(value))
        .map(value => ({
          message: spec.message(value, metadata.current, metadata),
          ...(spec.subject && { subject: spec.subject(value) })
        }))
    }
  }
}
