import { SpecifierSet } from '../packaging/specifiers.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import { listChangeRule } from './list-change.js'
import type { Rule, RuleHit } from './types.js'

/** The subject of a classifier finding, which license-changed and requires-python-narrowed can cover. */
export const classifierSubject = (classifier: string) => `classifier:${classifier}`

const PYTHON_CLASSIFIER = /^Programming Language :: Python :: (\d+\.\d+)$/

/** Whether the new Requires-Python still allows some release of the classifier's Python. */
function stillAllowed(classifier: string, current: PackageMetadata): boolean {
  const minor = PYTHON_CLASSIFIER.exec(classifier)?.[1]
  if (minor === undefined) return false
  const allowed = current.requiresPython ? current.requiresPython.specifier : SpecifierSet.ANY
  return !!allowed && (allowed.contains(`${minor}.0`) || allowed.contains(`${minor}.999`))
}

/** `3.10` after `3.9`. */
const minorOf = (classifier: string) =>
  Number(PYTHON_CLASSIFIER.exec(classifier)?.[1]?.split('.')[1])

const quoted = (values: string[]) => values.map(v => `"${v}"`).join(', ')

/**
 * One finding per classifier; a Python classifier dropped for a Python that Requires-Python still allows
 * is a cleanup that changes no install: those are one info finding.
 */
export const classifierRemoved: Rule = {
  id: 'classifier-removed',
  defaultSeverity: 'low',
  description:
    'A Trove classifier was dropped, e.g. `Framework :: Django`. A licence classifier dropped while the licence keeps its meaning is reported by license-changed (info), and a Python version classifier dropped with that Python by requires-python-narrowed; Python version classifiers dropped for Pythons Requires-Python still allows are one info finding.',
  check: ({ metadata }): RuleHit[] => {
    const removed = removedClassifiers(metadata)
    const cleanup = removed
      .filter(c => stillAllowed(c, metadata.current))
      .sort((a, b) => minorOf(a) - minorOf(b))
    const others = removed.filter(c => !cleanup.includes(c))
    const requiresPython = metadata.current.requiresPython?.text || '(any)'
    return [
      ...others.map(classifier => ({
        message: `classifier "${classifier}" was removed`,
        subject: classifierSubject(classifier)
      })),
      ...(cleanup.length
        ? [
            {
              message: `${cleanup.length === 1 ? 'classifier' : 'classifiers'} ${quoted(cleanup)} ${cleanup.length === 1 ? 'was' : 'were'} removed, but Requires-Python ${requiresPython} still allows ${cleanup.length === 1 ? 'that Python' : 'those Pythons'}: no install changes`,
              severity: 'info' as const
            }
          ]
        : [])
    ]
  }
}

export const classifierAdded = listChangeRule({
  id: 'classifier-added',
  defaultSeverity: 'info',
  description: 'A Trove classifier was added.',
  appeared: true,
  values: metadata => metadata.classifiers,
  message: classifier => `classifier "${classifier}" was added`
})

/** Classifiers the previous release had and the current one dropped. */
export function removedClassifiers(metadata: {
  previous: PackageMetadata
  current: PackageMetadata
}): string[] {
  const kept = new Set(metadata.current.classifiers)
  return metadata.previous.classifiers.filter(c => !kept.has(c))
}
