import { isValidVersion } from '../packaging/version.js'

/** What the `previous` input asks for. */
export type PreviousSpec =
  | { kind: 'index' }
  | { kind: 'version'; version: string }
  | { kind: 'git'; ref: string }
  | { kind: 'url'; url: string }
  | { kind: 'files'; patterns: string[] }

export function parsePreviousSpec(value: string | undefined): PreviousSpec {
  const text = value?.trim() ?? ''
  if (text === '') return { kind: 'index' }
  if (text.startsWith('git:')) return { kind: 'git', ref: text.slice(4).trim() }
  if (/^https?:\/\//i.test(text)) return { kind: 'url', url: text }
  if (/\.tar\.gz$|[*?[]/.test(text) || text.includes('/'))
    return { kind: 'files', patterns: [text] }
  if (isValidVersion(text)) return { kind: 'version', version: text }
  throw new Error(
    `previous: "${text}" is neither a version (1.4.2), a path or glob of an sdist, a URL, nor git:<ref>`
  )
}
