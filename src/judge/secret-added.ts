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

const SHOWN_LINES = 5

/** `line 3`, `lines 3, 9`, or `lines 3, 4, 5, 6, 7 and 4,995 more`: a value on many lines, bounded. */
function linesOf(lines: number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`
  const shown = lines.slice(0, SHOWN_LINES).join(', ')
  const more = lines.length - SHOWN_LINES
  return more > 0 ? `lines ${shown} and ${more.toLocaleString('en-US')} more` : `lines ${shown}`
}

export const secretAdded: CurrentRule = {
  id: 'secret-added',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    'A file the release adds or changes holds a secret (private key, cloud or service token, password-like value), or a file it adds is named by one; the value is redacted from every output. A private key in tests, docs or examples is low.',
  check: ({ secrets, archive: current }) =>
    secrets.map(({ path, lines, kind }) => {
      const fixture = isTestFixtureKey(path, kind)
      // Line 0: the file's name is the secret (see analyse).
      const where =
        lines[0] === 0 ? `${path}: ${kind} in its file name` : `${path} ${linesOf(lines)}: ${kind}`
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
