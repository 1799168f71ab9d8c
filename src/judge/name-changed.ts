import { normalizeName } from '../packaging/names.js'
import type { Rule } from './types.js'

export const nameChanged: Rule = {
  id: 'name-changed',
  defaultSeverity: 'high',
  description:
    'The project name differs after PEP 503 normalisation: this is a different package on the index.',
  check: ({ metadata }) => {
    const before = metadata.previous.name
    const after = metadata.current.name
    if (normalizeName(before) === normalizeName(after)) return []
    return [
      {
        message: `project name changed from ${before} to ${after}: users of ${before} will not get this release`
      }
    ]
  }
}
