import { listChangeRule } from './list-change.js'

export const extraAdded = listChangeRule({
  id: 'extra-added',
  defaultSeverity: 'info',
  description: 'A Provides-Extra appeared.',
  appeared: true,
  values: metadata => metadata.extras,
  message: extra => `extra "${extra}" was added`
})

export const extraRemoved = listChangeRule({
  id: 'extra-removed',
  defaultSeverity: 'medium',
  description: 'A Provides-Extra vanished.',
  appeared: false,
  values: metadata => metadata.extras,
  message: (extra, current) =>
    `extra "${extra}" was removed: \`pip install ${current.name}[${extra}]\` now warns and installs without it`
})
