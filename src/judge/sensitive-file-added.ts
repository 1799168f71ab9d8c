import picomatch from 'picomatch'
import type { Rule } from './types.js'

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

const isSensitive = picomatch(SENSITIVE_PATTERNS, { dot: true, nocase: true })

export const sensitiveFileAdded: Rule = {
  id: 'sensitive-file-added',
  defaultSeverity: 'high',
  description:
    'A file that usually holds secrets or repository internals (.env, private keys, .pypirc, .git/) was added.',
  check: ({ files }) =>
    [...files.added, ...files.renamed.map(r => r.to)]
      .filter(path => isSensitive(path))
      .sort()
      .map(path => ({
        path,
        message: `${path} looks like a secret or credential file and was added`
      }))
}
