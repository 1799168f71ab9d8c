import type { Rule } from './types.js'

export const metadataInvalid: Rule = {
  id: 'metadata-invalid',
  defaultSeverity: 'medium',
  description:
    'The current sdist holds a PKG-INFO line, a requirement, a Requires-Python or a pyproject.toml that installers cannot parse.',
  check: ({ metadata }) =>
    metadata.current.invalid.map(({ where, text, error }) => ({
      message: `${where}: cannot parse ${text ? `"${text}"` : 'the file'} (${error.split('\n')[0]})`
    }))
}
