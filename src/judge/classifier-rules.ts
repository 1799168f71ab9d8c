import type { PackageMetadata } from '../read/package-metadata.js'
import { listChangeRule } from './list-change.js'

/** The subject of a classifier finding, which license-changed and requires-python-narrowed can cover. */
export const classifierSubject = (classifier: string) => `classifier:${classifier}`

export const classifierRemoved = listChangeRule({
  id: 'classifier-removed',
  defaultSeverity: 'low',
  description:
    'A Trove classifier was dropped, e.g. `Framework :: Django`. A licence classifier dropped while the licence keeps its meaning is reported by license-changed (info), and a Python version classifier dropped with that Python by requires-python-narrowed.',
  appeared: false,
  values: metadata => metadata.classifiers,
  message: classifier => `classifier "${classifier}" was removed`,
  subject: classifierSubject
})

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
