import { DEVELOPER_ONLY } from '../packaging/project-files.js'
import { isSensitiveFile } from './sensitive-file-added.js'
import type { CurrentRule } from './types.js'

/**
 * A private key in tests, docs or examples (requests' and urllib3's TLS fixtures, Pygments' sample
 * files) is almost always made for the tests: shown, low, and not a reason to stop the release. Token
 * formats stay high everywhere, since no test needs a live token.
 */
export function isTestFixtureKey(path: string, kind: string): boolean {
  return DEVELOPER_ONLY(path) && /private key/i.test(kind)
}

export const secretAdded: CurrentRule = {
  id: 'secret-added',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    'A file the release adds or changes holds a secret (private key, cloud or service token, password-like value), or a file it adds is named by one; the value is redacted from every output. A private key in tests, docs or examples is low.',
  check: ({ secrets, current }) =>
    secrets.map(({ path, line, kind }) => {
      const fixture = isTestFixtureKey(path, kind)
      // Line 0: the file's name is the secret (see analyse).
      const where =
        line === 0 ? `${path}: ${kind} in its file name` : `${path} line ${line}: ${kind}`
      return {
        path,
        message: fixture
          ? `${where} (value redacted) in a test or documentation file, where keys are usually made for the tests; it would be published with the release`
          : `${where} (value redacted); it would be published with the release`,
        ...(fixture && { severity: 'low' as const }),
        // It speaks for sensitive-file-added's file too (that rule leaves such files to this one).
        ...(isSensitiveFile(path, current.entries.get(path)) && { covers: [path] })
      }
    })
}
