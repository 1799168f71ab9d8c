import type { Rule } from './types.js'

export const fileRenamed: Rule = {
  id: 'file-renamed',
  defaultSeverity: 'info',
  description: 'A file moved to a new path with the same content.',
  check: ({ files }) =>
    files.renamed.map(({ from, to }) => ({ path: to, message: `${from} was renamed to ${to}` }))
}
