import type { Rule } from './types.js'

/** Reported by the release check (not by comparing two sdists) when the index has no earlier release. */
export const newPackage: Rule = {
  id: 'new-package',
  defaultSeverity: 'info',
  description:
    'The project has no earlier release on the index (or none for the previous spec): nothing to compare.',
  check: () => []
}
