import type { Rule } from './types.js'

export const unsafeArchiveEntry: Rule = {
  id: 'unsafe-archive-entry',
  defaultSeverity: 'high',
  description:
    'The current sdist holds an entry an extractor could abuse: absolute or ".." paths, links out of the root, devices, duplicates.',
  check: ({ current }) =>
    current.unsafe.map(({ path, reason }) => ({ path, message: `${path}: ${reason}` }))
}
