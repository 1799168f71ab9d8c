// The kinds of secret secretlint's recommended preset has no rule for, matched here.
import { DEVELOPER_ONLY } from '../packaging/project-files.js'
import type { SecretHit } from './secrets.js'

/** A high-entropy literal assigned to a secret-like name: sticky, tried only where assignments() says. */
export const ASSIGNED =
  /\b([A-Za-z_][\w.-]{0,80}?(?:password|passwd|secret|token|api_?key|access_?key|private_?key|auth_?key)[\w-]{0,80})["']?\s*(?:=|:|=>)\s*(["'])([^"'\s]{16,200})\2/iy

/**
 * Kinds secretlint's recommended preset has no rule for, written here for that reason: AWS access key
 * ids (the half of a key pair that gitleaks and GitHub push protection report as a credential, and
 * that names whose key a leaked secret is), PyPI upload tokens, Stripe live keys, Google API keys, and
 * high-entropy literals assigned to secret-like names.
 */
const EXTRA_RULES: { kind: string; pattern: RegExp; group: number }[] = [
  {
    kind: 'AWS access key ID',
    pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    group: 0
  },
  { kind: 'PyPI API token', pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g, group: 0 },
  { kind: 'Stripe live key', pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{20,}\b/g, group: 0 },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, group: 0 },
  { kind: 'secret assigned to', pattern: ASSIGNED, group: 3 }
]

/** The secret-like names of the assignment rule: a match starts 1 to 81 characters before one. */
const SECRET_NAME = /password|passwd|secret|token|api_?key|access_?key|private_?key|auth_?key/gi
const NAME_REACH = 81
/** What follows the name in a match of ASSIGNED: where it does not follow, no match uses that name. */
const ASSIGNED_TAIL = /[\w-]{0,80}["']?\s*(?:=|:|=>)\s*(["'])[^"'\s]{16,200}\1/y

/**
 * The matches of a sticky pattern, as `text.matchAll` of it made global would give them, tried only
 * where a secret-like name follows within NAME_REACH characters: the pattern costs a lazy scan at every
 * word start, and most text has no such name.
 */
export function* assignments(text: string, pattern = ASSIGNED): Generator<RegExpExecArray> {
  let next = 0
  let tried = -1
  const names = new RegExp(SECRET_NAME.source, SECRET_NAME.flags)
  for (let name = names.exec(text); name; name = names.exec(text)) {
    names.lastIndex = name.index + 1
    ASSIGNED_TAIL.lastIndex = name.index + name[0].length
    // A match that names a later occurrence starts within that one's reach and is tried there.
    if (pattern === ASSIGNED && !ASSIGNED_TAIL.test(text)) continue
    for (let at = Math.max(next, tried + 1, name.index - NAME_REACH); at < name.index; at++) {
      tried = at
      pattern.lastIndex = at
      const match = pattern.exec(text)
      if (!match) continue
      yield match
      next = at + match[0].length
      tried = next - 1
      at = tried
    }
  }
}

/** A hit of EXTRA_RULES, with where it was found to put it in order. */
export interface ExtraHit {
  hit: SecretHit
  file: number
  rule: number
  line: number
  at: number
}

/** Where a match [at, end) is, or that it runs from one piece into the next. */
export type Place = (
  at: number,
  end: number
) => { path: string; file: number; line: number } | 'crossed'

const developerOnlyPaths = new Map<string, boolean>()

function developerOnly(path: string): boolean {
  let known = developerOnlyPaths.get(path)
  if (known === undefined) developerOnlyPaths.set(path, (known = DEVELOPER_ONLY(path)))
  return known
}

export function extraHits(text: string, place: Place): ExtraHit[] | 'crossed' {
  const hits: ExtraHit[] = []
  for (const [rule, { kind, pattern, group }] of EXTRA_RULES.entries()) {
    for (const match of pattern.sticky ? assignments(text, pattern) : text.matchAll(pattern)) {
      const value = match[group] ?? ''
      if (group !== 0 && (!looksRandom(value) || NOT_A_CREDENTIAL.test(match[1] ?? ''))) continue
      // AWS's documented sample id, AKIAIOSFODNN7EXAMPLE, in boto's docs and tests.
      if (group === 0 && PLACEHOLDER.test(value)) continue
      const where = place(match.index, match.index + match[0].length)
      if (where === 'crossed') return where
      // Tests, docs and examples are full of made-up credentials: only the token formats are looked for there.
      if (group !== 0 && developerOnly(where.path)) continue
      const at = match.index + Math.max(0, match[0].lastIndexOf(value))
      const { line } = place(at, at + 1) as { line: number }
      const label = group === 0 ? kind : `a secret-looking value assigned to ${match[1]}`
      const hit = { path: where.path, line, lines: [line], kind: label, value }
      hits.push({ hit, file: where.file, rule, line, at })
    }
  }
  return hits
}

export const PLACEHOLDER =
  /example|sample|dummy|changeme|placeholder|your[_-]?|xxxx|\*\*\*|<|>|\$\{|%\(|\{\{|os\.environ|getenv/i

/**
 * Tokens that page, order or deduplicate API calls (`NextToken`, `ClientRequestToken`, botocore's
 * `output_token`): their examples look random and are no credential.
 */
const NOT_A_CREDENTIAL =
  /(?:next|continuation|page|pagination|paging|output|input|starting|request|change|idempotency|action|purchase|verification|sync|cursor|resume)_?token$/i

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Made of words (`valid_refresh_token_456`, `PassWordMustBeAtLeast6Chars.`): written by a person. */
function wordy(value: string): boolean {
  const pieces = value.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean)
  const letters = pieces.join('').length
  const inWords = pieces
    .filter(piece => piece.length >= 3 && /^[A-Za-z][a-z]+$/.test(piece) && /[aeiouy]/i.test(piece))
    .join('').length
  return letters > 0 && inWords / letters >= 0.8
}

/** Mixed letters and digits, high Shannon entropy, no placeholder words, not an id or a phrase. */
function looksRandom(value: string): boolean {
  if (PLACEHOLDER.test(value) || !/[A-Za-z]/.test(value) || !/\d/.test(value)) return false
  if (UUID.test(value) || /[[\]()]/.test(value) || wordy(value)) return false
  const counts = new Map<string, number>()
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1)
  let entropy = 0
  for (const count of counts.values()) {
    const p = count / value.length
    entropy -= p * Math.log2(p)
  }
  return entropy >= 3.5
}
