import { DEVELOPER_ONLY } from '../packaging/project-files.js'

/** A secret found in a file: where, and what kind. The value is kept only to redact it everywhere. */
export interface SecretHit {
  path: string
  /** The first line the value is on. */
  line: number
  /** Every line of the file the value is on, each once, in order (`line` is the first). */
  lines: number[]
  kind: string
  value: string
}

export interface TextFile {
  path: string
  text: string
}

/** secretlint and its rules are loaded on first use: a release with no changed text never pays for them. */
async function loadSecretlint() {
  const [{ lintSource }, { creator }, { secretLintProfiler }] = await Promise.all([
    import('@secretlint/core'),
    import('@secretlint/secretlint-rule-preset-recommend'),
    import('@secretlint/profiler')
  ])
  // secretlint marks every rule run on a global profiler that keeps each mark and searches all of them
  // at the next one: quadratic in the number of scans. Nothing here reads its measures.
  secretLintProfiler.mark = () => {}
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] }
  return { lintSource, config }
}
let secretlint: ReturnType<typeof loadSecretlint> | undefined

/** Characters the scan has handed to secretlint and searched to place its hits: linear in the input. */
export const scanWork = { scanned: 0, searched: 0 }

/**
 * Secrets in text files of any length: secretlint's recommended preset (cloud, VCS, chat and service
 * tokens, private keys, connection strings), plus the few kinds it has no rule for (see EXTRA_RULES).
 * Each value is reported once per file with every line it is on.
 */
export async function findSecrets(files: TextFile[]): Promise<SecretHit[]> {
  const found = new Found()
  const known = new Known()
  for (const batch of batches(files.flatMap(windows)))
    for (const hit of await secretlintBatch(batch, known)) found.add(hit)
  for (const file of files) for (const hit of extraHits(file.path, file.text)) found.add(hit)
  return found.hits()
}

/** Line numbers of offsets in a text, from one pass over it. */
class LineIndex {
  private readonly breaks: number[] = []

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.breaks.push(at)
  }

  /** The 1-based line of the character at `offset`. */
  lineAt(offset: number): number {
    return lastBelow(this.breaks, offset) + 2
  }
}

/** The index of the last element of an ascending array below `value`, -1 when none is. */
function lastBelow(sorted: number[], value: number): number {
  let [low, high] = [0, sorted.length]
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sorted[middle] ?? Infinity) < value) low = middle + 1
    else high = middle
  }
  return low - 1
}

/** A stretch of one file handed to secretlint, and the line of the file it starts on. */
interface Piece extends TextFile {
  firstLine: number
}

/**
 * Long files go to secretlint in windows: its working copies of a source are several times its size,
 * and its time grows with the square of the hits in one call, so a window holds a bounded number.
 */
const WINDOW_CHARS = 64 * 1024
/** Windows overlap by more than the longest secret (a 4096-bit private key block) so none is cut. */
const OVERLAP_CHARS = 8 * 1024

function windows(file: TextFile): Piece[] {
  const { path, text } = file
  if (text.length <= WINDOW_CHARS) return [{ path, text, firstLine: 1 }]
  const lines = new LineIndex(text)
  const pieces: Piece[] = []
  for (let from = 0; ;) {
    const to = Math.min(text.length, from + WINDOW_CHARS)
    pieces.push({ path, text: text.slice(from, to), firstLine: lines.lineAt(from) })
    if (to === text.length) return pieces
    // The next window starts at a line start inside the overlap, or mid-line when the line is long.
    const lineStart = text.lastIndexOf('\n', to - OVERLAP_CHARS) + 1
    from = lineStart > from ? lineStart : to - OVERLAP_CHARS
  }
}

/** Small pieces joined into sources of a window's size: secretlint's per-call overhead grows with the calls made. */
const BATCH_CHARS = WINDOW_CHARS
const SEPARATOR = '\n\n\n'

function batches(pieces: Piece[]): Piece[][] {
  const out: Piece[][] = [[]]
  let size = 0
  for (const piece of pieces) {
    if (size + piece.text.length > BATCH_CHARS && out[out.length - 1]?.length) {
      out.push([])
      size = 0
    }
    out[out.length - 1]?.push(piece)
    size += piece.text.length + SEPARATOR.length
  }
  return out.filter(batch => batch.length > 0)
}

/**
 * One secretlint run over a batch; each hit is placed at the file and line it is on. Values found in
 * earlier batches are located here and blanked before the run, so a token repeated on every line is
 * found by secretlint once, not once per line in one call.
 */
async function secretlintBatch(pieces: Piece[], known: Known): Promise<SecretHit[]> {
  const starts: number[] = []
  let offset = 0
  for (const piece of pieces) {
    starts.push(offset)
    offset += piece.text.length + SEPARATOR.length
  }
  const joined = pieces.map(p => p.text).join(SEPARATOR)
  const lines = new LineIndex(joined)
  const { text, hits: seen } = known.blank(joined)
  scanWork.scanned += text.length
  const raw = await secretlintHits(text)
  for (const hit of raw) known.add(hit)
  return seen.concat(raw).flatMap(({ at, kind, value }) => {
    const index = lastBelow(starts, at + 1)
    const piece = pieces[index]
    if (!piece) return []
    const line = piece.firstLine + lines.lineAt(at) - lines.lineAt(starts[index] ?? 0)
    return [{ path: piece.path, line, lines: [line], kind, value }]
  })
}

/** The values secretlint has found so far (a bounded number of them), to locate without it. */
class Known {
  private static readonly MAX = 256
  private readonly kinds = new Map<string, string>()

  add({ kind, value }: RawHit): void {
    if (this.kinds.size < Known.MAX && !this.kinds.has(value)) this.kinds.set(value, kind)
  }

  /** The known values' places in a text, and the text with them blanked (lines kept). */
  blank(text: string): { text: string; hits: RawHit[] } {
    const hits: RawHit[] = []
    for (const [value, kind] of this.kinds) {
      for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + value.length))
        hits.push({ at, kind, value })
      scanWork.searched += text.length
    }
    if (!hits.length) return { text, hits }
    hits.sort((a, b) => a.at - b.at)
    const parts: string[] = []
    let from = 0
    for (const { at, value } of hits) {
      if (at < from) continue
      parts.push(text.slice(from, at), value.replace(/[^\n]/g, ' '))
      from = at + value.length
    }
    parts.push(text.slice(from))
    return { text: parts.join(''), hits }
  }
}

interface RawHit {
  /** Offset of the value in the text. */
  at: number
  kind: string
  value: string
}

async function secretlintHits(text: string): Promise<RawHit[]> {
  const { lintSource, config } = await (secretlint ??= loadSecretlint())
  const result = await lintSource({
    source: { filePath: '/batch.txt', content: text, contentType: 'text' },
    options: { config }
  })
  const firstAt = new Map<string, number>()
  return result.messages.flatMap(message => {
    // The value is in the message's data; the reported range is not always the value's own.
    const value = Object.values(message.data ?? {}).find(
      (v): v is string => typeof v === 'string' && v.length >= 8
    )
    if (!value || placeholderCredential(value)) return []
    const at = valueNear(text, value, message.range[0], firstAt)
    if (at < 0) return []
    const kind =
      message.message
        .split(':')[0]
        ?.replace(/^found /i, '')
        .trim() || message.ruleId
    return [{ at, kind, value }]
  })
}

/**
 * Where the value of a hit reported at `near` is: secretlint's range starts at its pattern's match,
 * which can begin a little before the value (`AWS_SECRET_ACCESS_KEY = "…`). Only a window around it is
 * searched; failing that, the value's first place in the text, looked up once per value.
 */
function valueNear(
  text: string,
  value: string,
  near: number,
  firstAt: Map<string, number>
): number {
  const from = Math.max(0, near - value.length)
  const window = text.slice(from, near + 2 * value.length + 512)
  scanWork.searched += window.length
  const local = window.indexOf(value)
  if (local >= 0) return from + local
  let first = firstAt.get(value)
  if (first === undefined) {
    first = text.indexOf(value)
    scanWork.searched += text.length
    firstAt.set(value, first)
  }
  return first
}

/** Hits gathered by file and value, each line once. */
class Found {
  private readonly byKey = new Map<string, SecretHit & { seen: Set<number> }>()

  add(hit: SecretHit): void {
    const key = `${hit.path}\0${hit.value}`
    const known = this.byKey.get(key)
    if (!known) {
      this.byKey.set(key, { ...hit, lines: [...hit.lines], seen: new Set(hit.lines) })
      return
    }
    for (const line of hit.lines) {
      if (known.seen.has(line)) continue
      known.seen.add(line)
      known.lines.push(line)
    }
  }

  hits(): SecretHit[] {
    return [...this.byKey.values()].map(({ seen: _seen, ...hit }) => {
      const lines = hit.lines.sort((a, b) => a - b)
      return { ...hit, line: lines[0] ?? hit.line, lines }
    })
  }
}

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

function extraHits(path: string, text: string): SecretHit[] {
  const hits: SecretHit[] = []
  // Tests, docs and examples are full of made-up credentials: only the token formats are looked for there.
  const developerOnly = DEVELOPER_ONLY(path)
  let lines: LineIndex | undefined
  for (const { kind, pattern, group } of EXTRA_RULES) {
    if (group !== 0 && developerOnly) continue
    for (const match of pattern.sticky ? assignments(text, pattern) : text.matchAll(pattern)) {
      const value = match[group] ?? ''
      if (group !== 0 && (!looksRandom(value) || NOT_A_CREDENTIAL.test(match[1] ?? ''))) continue
      // AWS's documented sample id, AKIAIOSFODNN7EXAMPLE, in boto's docs and tests.
      if (group === 0 && PLACEHOLDER.test(value)) continue
      const label = group === 0 ? kind : `a secret-looking value assigned to ${match[1]}`
      const at = match.index + Math.max(0, match[0].lastIndexOf(value))
      const line = (lines ??= new LineIndex(text)).lineAt(at)
      hits.push({ path, line, lines: [line], kind: label, value })
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
