import type { CurrentRule } from './types.js'

export const unsafeArchiveEntry: CurrentRule = {
  id: 'unsafe-archive-entry',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    'The current sdist holds an entry an extractor could abuse: absolute or ".." paths, links out of the root, devices, duplicates.',
  check: ({ archive: current }) =>
    current.unsafe.map(({ path, reason }) => ({ path, message: `${path}: ${reason}` }))
}
