import { licenceKeepsMeaning } from './license-changed.js'
import { listChangeRule } from './list-change.js'

export const classifierRemoved = listChangeRule({
  id: 'classifier-removed',
  defaultSeverity: 'low',
  description:
    'A Trove classifier was dropped, e.g. `Programming Language :: Python :: 3.11`. A licence classifier dropped while the licence keeps its meaning is left to license-changed (info).',
  appeared: false,
  values: metadata => metadata.classifiers,
  message: classifier => `classifier "${classifier}" was removed`,
  foldedElsewhere: (classifier, { previous, current }) =>
    classifier.startsWith('License ::') && licenceKeepsMeaning(previous, current)
})

export const classifierAdded = listChangeRule({
  id: 'classifier-added',
  defaultSeverity: 'info',
  description: 'A Trove classifier was added.',
  appeared: true,
  values: metadata => metadata.classifiers,
  message: classifier => `classifier "${classifier}" was added`
})
