import { isSensitiveFile } from './sensitive-file-added.js'
import type { Rule } from './types.js'

export const fileAdded: Rule = {
  id: 'file-added',
  defaultSeverity: 'info',
  description:
    'A file is in the current sdist and was not in the previous one (a sensitive file is reported once, by sensitive-file-added).',
  check: ({ files, current }) =>
    files.added
      .filter(path => !isSensitiveFile(path, current.entries.get(path)))
      .map(path => ({ path, message: `${path} was added` }))
}
