import type { CurrentRule } from './types.js'

export const secretAdded: CurrentRule = {
  id: 'secret-added',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    'A file the release adds or changes holds a secret (private key, cloud or service token, password-like value); the value is redacted from every output.',
  check: ({ secrets }) =>
    secrets.map(({ path, line, kind }) => ({
      path,
      message: `${path} line ${line}: ${kind} (value redacted); it would be published with the release`
    }))
}
