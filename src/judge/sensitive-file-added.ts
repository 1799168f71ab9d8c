import picomatch from 'picomatch'
import { DEVELOPER_ONLY } from '../packaging/project-files.js'
import { entryText } from '../read/decode-text.js'
import type { Entry } from '../read/types.js'
import type { CurrentRule } from './types.js'

/** Files that hold secrets or repository internals and have no place in a published sdist. */
export const SENSITIVE_PATTERNS = [
  '**/.env',
  '**/.env.!(example|sample|template|dist)',
  '**/.pypirc',
  '**/.netrc',
  '**/.npmrc',
  '**/.git/**',
  '**/.git-credentials',
  '**/.aws/credentials',
  '**/.docker/config.json',
  '**/.ssh/**',
  '**/id_rsa',
  '**/id_dsa',
  '**/id_ecdsa',
  '**/id_ed25519',
  '**/*.pem',
  '**/*.key',
  '**/*.p12',
  '**/*.pfx',
  '**/*.keystore',
  '**/*.jks',
  '**/*.kdbx',
  '**/.htpasswd',
  '**/credentials.json',
  '**/client_secret*.json',
  '**/service-account*.json',
  '**/secrets.{yml,yaml,json,toml}',
  '**/*.tfstate'
]

const isSensitiveName = picomatch(SENSITIVE_PATTERNS, { dot: true, nocase: true })
/** Key and certificate containers are judged by what they hold. */
const CERTIFICATE_OR_KEY = /\.(?:pem|crt|cer|key)$/i

/** A public certificate bundle (certifi's cacert.pem) is not a secret; a private key block is. */
export function isSensitiveFile(path: string, entry: Entry | undefined): boolean {
  if (!isSensitiveName(path)) return false
  if (!CERTIFICATE_OR_KEY.test(path)) return true
  const text = entryText(entry)
  if (text === undefined) return true
  return (
    /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) || !/-----BEGIN CERTIFICATE-----/.test(text)
  )
}

export const sensitiveFileAdded: CurrentRule = {
  id: 'sensitive-file-added',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    'A file that usually holds secrets or repository internals (.env, private keys, .pypirc, .git/) was added (or is in a first release); .pem/.key files are judged by content, and certificates are not secrets; low in tests, docs and examples.',
  check: ({ added, archive: current, newPackage, secrets }) => {
    // A file whose content holds a secret is reported once, by secret-added, which says what and where.
    const withSecret = new Set(secrets.map(hit => hit.path))
    return added
      .filter(path => !withSecret.has(path) && isSensitiveFile(path, current.entries.get(path)))
      .map(path => {
        const what = `${path} looks like a secret or credential file and ${newPackage === undefined ? 'was added' : 'is in this first release'}`
        const fixture = DEVELOPER_ONLY(path)
        return {
          path,
          message: fixture
            ? `${what}; it is a test or documentation file, where such files are usually made up`
            : what,
          ...(fixture && { severity: 'low' as const }),
          // The same file is not also reported as missing from git.
          covers: [path]
        }
      })
  }
}
