import { isValidSpecifier } from '../packaging/specifiers.js'
import type { Rule } from './types.js'

export const metadataInvalid: Rule = {
  id: 'metadata-invalid',
  defaultSeverity: 'medium',
  description:
    'The current sdist declares a requirement, Requires-Python or pyproject.toml that installers cannot parse.',
  check: ({ metadata }) => {
    const { current } = metadata
    const hits = current.invalid.map(({ where, text, error }) => ({
      message: `${where}: cannot parse ${text ? `"${text}"` : 'the file'} (${error.split('\n')[0]})`
    }))
    if (current.requiresPython !== undefined && !isValidSpecifier(current.requiresPython)) {
      hits.push({
        message: `Requires-Python "${current.requiresPython}" is not a valid PEP 440 specifier set`
      })
    }
    return hits
  }
}
