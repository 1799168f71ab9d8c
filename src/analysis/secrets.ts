import { DEVELOPER_ONLY } from '../packaging/project-files.js'

/** A secret found in a file: where, and what kind. The value is kept only to redact it everywhere. */
export interface SecretHit {
  path: string
  line: number
  kind: string
  value: string
}

export interface TextFile {
  path: string
  text: string
}

/** Longer files are scanned up to here: secrets sit in source and config files, not in data dumps. */
const SCAN_LIMIT_CHARS = 2 * 1024 * 1024

/** secretlint and its rules are loaded on first use: a release with no changed text never pays for them. */
async function loadSecretlint() {
  const [{ lintSource }, { creator }] = await Promise.all([
    import('@secretlint/core'),
    import('@secretlint/secretlint-rule-preset-recommend')
  ])
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] }
  return { lintSource, config }
}
let secretlint: ReturnType<typeof loadSecretlint> | undefined

/**
 * Secrets in text files: secretlint's recommended preset (cloud, VCS, chat and service tokens, private
 * keys, connection strings), plus the few kinds it has no rule for (see EXTRA_RULES).
 */
export async function findSecrets(files: TextFile[]): Promise<SecretHit[]> {
  const hits: SecretHit[] = []
  const scanned = files.map(file => ({ ...file, text: file.text.slice(0, SCAN_LIMIT_CHARS) }))
  for (const batch of batches(scanned)) hits.push(...(await secretlintBatch(batch)))
  for (const file of scanned) hits.push(...extraHits(file.path, file.text))
  return dedupe(hits)
}

/** Files joined into sources of a few MiB: secretlint's per-call overhead grows with the calls made. */
const BATCH_CHARS = 1024 * 1024
const SEPARATOR = '\n\n\n'

function batches(files: TextFile[]): TextFile[][] {
  const out: TextFile[][] = [[]]
  let size = 0
  for (const file of files) {
    if (size + file.text.length > BATCH_CHARS && out[out.length - 1]?.length) {
      out.push([])
      size = 0
    }
    out[out.length - 1]?.push(file)
    size += file.text.length + SEPARATOR.length
  }
  return out.filter(batch => batch.length > 0)
}

function lastAtOrBefore(sorted: number[], value: number): number {
  let index = -1
  while (index + 1 < sorted.length && (sorted[index + 1] ?? Infinity) <= value) index++
  return index
}

/** One secretlint run over a batch; each hit is traced back to the file and line it is in. */
async function secretlintBatch(files: TextFile[]): Promise<SecretHit[]> {
  const starts: number[] = []
  let offset = 0
  for (const file of files) {
    starts.push(offset)
    offset += file.text.length + SEPARATOR.length
  }
  const joined = files.map(f => f.text).join(SEPARATOR)
  const hits: SecretHit[] = []
  for (const hit of await secretlintHits('batch.txt', joined)) {
    let from = 0
    for (let at = joined.indexOf(hit.value); at >= 0; at = joined.indexOf(hit.value, from)) {
      const index = lastAtOrBefore(starts, at)
      const file = files[index]
      if (file) {
        const local = at - (starts[index] ?? 0)
        hits.push({ ...hit, path: file.path, line: file.text.slice(0, local).split('\n').length })
      }
      from = at + hit.value.length
    }
  }
  return hits
}

async function secretlintHits(path: string, text: string): Promise<SecretHit[]> {
  const { lintSource, config } = await (secretlint ??= loadSecretlint())
  const result = await lintSource({
    // secretlint's profiler keys marks by file path: a path with `|` and the like breaks it.
    source: { filePath: `/${path.replace(/[^\w./-]/g, '_')}`, content: text, contentType: 'text' },
    options: { config }
  })
  return result.messages.flatMap(message => {
    // The value is in the message's data; the reported range is not always the value's own.
    const value = Object.values(message.data ?? {}).find(
      (v): v is string => typeof v === 'string' && v.length >= 8 && text.includes(v)
    )
    if (!value || placeholderCredential(value)) return []
    const kind =
      message.message
        .split(':')[0]
        ?.replace(/^found /i, '')
        .trim() || message.ruleId
    return [{ path, line: lineOf(text, value), kind, value }]
  })
}

/**
 * Kinds secretlint's recommended preset has no rule for, written here for that reason: PyPI upload
 * tokens, Stripe live keys, Google API keys, and high-entropy literals assigned to secret-like names.
 */
const EXTRA_RULES: { kind: string; pattern: RegExp; group: number }[] = [
  { kind: 'PyPI API token', pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g, group: 0 },
  { kind: 'Stripe live key', pattern: /\b(?:sk|rk)_live_[0-9A-Za-z]{20,}\b/g, group: 0 },
  { kind: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, group: 0 },
  {
    kind: 'secret assigned to',
    pattern:
      /\b([A-Za-z_][\w.-]*?(?:password|passwd|secret|token|api_?key|access_?key|private_?key|auth_?key)[\w-]*)["']?\s*(?:=|:|=>)\s*(["'])([^"'\s]{16,200})\2/gi,
    group: 3
  }
]

function extraHits(path: string, text: string): SecretHit[] {
  const hits: SecretHit[] = []
  // Tests, docs and examples are full of made-up credentials: only the token formats are looked for there.
  const developerOnly = DEVELOPER_ONLY(path)
  for (const { kind, pattern, group } of EXTRA_RULES) {
    if (group !== 0 && developerOnly) continue
    for (const match of text.matchAll(pattern)) {
      const value = match[group] ?? ''
      if (group !== 0 && (!looksRandom(value) || NOT_A_CREDENTIAL.test(match[1] ?? ''))) continue
      const label = group === 0 ? kind : `a secret-looking value assigned to ${match[1]}`
      hits.push({ path, line: lineOf(text, value, match.index), kind: label, value })
    }
  }
  return hits
}

/**
 * `http://user:pass@host` in documentation and tests: a password that is a word for itself, or any
 * credential for a host reserved for examples (RFC 2606: example.com, *.test, …; urllib3's tests).
 */
function placeholderCredential(value: string): boolean {
  const [, password, host] = /:\/\/[^:/@\s]*:([^@\s]*)@([^:/?#\s]*)/.exec(value) ?? []
  if (password === undefined) return false
  return (
    /^(?:pass(?:word)?|passwd|pwd|secret|changeme|test|foo|bar|baz|x+|\*+)$/i.test(password) ||
    PLACEHOLDER.test(password) ||
    /(?:^|\.)(?:example\.(?:com|org|net)|[^.]+\.(?:example|test|invalid))$|^(?:example|test|invalid)$/i.test(
      host ?? ''
    )
  )
}

const PLACEHOLDER =
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

function lineOf(text: string, value: string, near = 0): number {
  const firstLine = value.split('\n')[0] ?? value
  const at = text.indexOf(firstLine, Math.max(0, near - firstLine.length))
  const index = at >= 0 ? at : text.indexOf(firstLine)
  return index < 0 ? 1 : text.slice(0, index).split('\n').length
}

function dedupe(hits: SecretHit[]): SecretHit[] {
  const seen = new Set<string>()
  return hits.filter(hit => {
    const key = `${hit.path}\0${hit.value}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

const REDACTED = '‹redacted›'

/**
 * Replaces every secret value in a text; a multi-line value (a private key) line by line, so that the
 * lines of a diff that show it are redacted too. Key block markers (`-----BEGIN …-----`) stay.
 */
export function redactor(values: string[]): (text: string) => string {
  const pieces = [
    ...new Set(
      values.flatMap(value =>
        value
          .split('\n')
          .map(line => line.trim())
          .filter(line => line.length >= 8 && !/^-----(?:BEGIN|END)[A-Z ]*-----$/.test(line))
      )
    )
  ].sort((a, b) => b.length - a.length)
  if (!pieces.length) return text => text
  return text => pieces.reduce((out, piece) => out.split(piece).join(REDACTED), text)
}
