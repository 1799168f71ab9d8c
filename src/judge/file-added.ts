import type { Rule } from './types.js'

export const fileAdded: Rule = {
  id: 'file-added',
  defaultSeverity: 'info',
  description: 'A file is in the current sdist and was not in the previous one.',
  check: ({ files }) => files.added.map(path => ({ path, message: `${path} was added` }))
}
