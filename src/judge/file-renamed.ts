import type { Rule } from './types.js'

export const fileRenamed: Rule = {
  id: 'file-renamed',
  defaultSeverity: 'info',
  description:
    'A file moved to a new path with the same content, or with small edits (half its lines or more kept; its diff is shown).',
  check: ({ files }) =>
    files.renamed.map(({ from, to, similarity }) => ({
      path: to,
      message: `${from} was renamed to ${to}${similarity === undefined ? '' : ` with edits (${similarity}% of lines kept)`}`
    }))
}
