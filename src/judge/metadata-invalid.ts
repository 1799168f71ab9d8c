import type { CurrentRule } from './types.js'

export const metadataInvalid: CurrentRule = {
  id: 'metadata-invalid',
  scope: 'current',
  defaultSeverity: 'medium',
  description:
    'The current sdist holds a PKG-INFO line, a requirement, a Requires-Python or a pyproject.toml that installers cannot parse.',
  check: ({ metadata }) =>
    metadata.invalid.map(({ where, text, error }) => ({
      message: `${where}: cannot parse ${text ? `"${text}"` : 'the file'} (${error.split('\n')[0]})`
    }))
}
