import { listChangeRule } from './list-change.js'

export const classifierRemoved = listChangeRule({
  id: 'classifier-removed',
  defaultSeverity: 'low',
  description: 'A Trove classifier was dropped, e.g. `Programming Language :: Python :: 3.11`.',
  appeared: false,
  values: metadata => metadata.classifiers,
  message: classifier => `classifier "${classifier}" was removed`
})

export const classifierAdded = listChangeRule({
  id: 'classifier-added',
  defaultSeverity: 'info',
  description: 'A Trove classifier was added.',
  appeared: true,
  values: metadata => metadata.classifiers,
  message: classifier => `classifier "${classifier}" was added`
})
