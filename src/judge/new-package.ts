import type { CurrentRule } from './types.js'

export const newPackage: CurrentRule = {
  id: 'new-package',
  scope: 'current',
  defaultSeverity: 'info',
  description:
    'The project has no earlier release on the index (or none for the previous spec): nothing to compare.',
  check: ({ newPackage, metadata }) =>
    newPackage === undefined
      ? []
      : [{ message: `${metadata.name} ${metadata.version}: ${newPackage}` }]
}
