import type { Rule } from './types.js'

export const fileRemoved: Rule = {
  id: 'file-removed',
  defaultSeverity: 'low',
  description: 'A file of the previous sdist is missing from the current one.',
  check: ({ files }) => files.removed.map(path => ({ path, message: `${path} was removed` }))
}
