import { extraHits, PLACEHOLDER, type ExtraHit } from './extra-secrets.js'

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
  /** The line of the file the text starts on, when it is a stretch of the file (1 by default). */
  firstLine?: number
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
  const extra: ExtraHit[] = []
  // A loop, not flatMap: a diff changed everywhere hands over one small file per run of added lines.
  const pieces: Piece[] = []
  files.forEach((file, index) => addWindows(file, index, pieces))
  for (const batch of batches(pieces)) {
    const joined = new Joined(batch)
    for (const hit of await secretlintBatch(joined, known)) found.add(hit)
    for (const hit of extraBatchHits(joined)) extra.push(hit)
  }
  // In the order of a scan of each file in turn, rule by rule, as the first place of each value counts.
  extra.sort((x, y) => x.file - y.file || x.rule - y.rule || x.line - y.line || x.at - y.at)
  for (const { hit } of extra) found.add(hit)
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
  /** The index of its file among those scanned. */
  index: number
}

/**
 * Long files go to secretlint in windows: its working copies of a source are several times its size,
 * and its time grows with the square of the hits in one call, so a window holds a bounded number.
 */
const WINDOW_CHARS = 64 * 1024
/** Windows overlap by more than the longest secret (a 4096-bit private key block) so none is cut. */
const OVERLAP_CHARS = 8 * 1024

/** Appends the windows of a file to `pieces`. */
function addWindows(file: TextFile, index: number, pieces: Piece[]): void {
  const { path, text, firstLine = 1 } = file
  if (text.length <= WINDOW_CHARS) {
    pieces.push({ path, text, firstLine, index })
    return
  }
  const lines = new LineIndex(text)
  for (let from = 0; ;) {
    const to = Math.min(text.length, from + WINDOW_CHARS)
    const start = firstLine - 1 + lines.lineAt(from)
    pieces.push({ path, text: text.slice(from, to), firstLine: start, index })
    if (to === text.length) return
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
class Joined {
  readonly text: string
  readonly lines: LineIndex
  readonly starts: number[] = []

  constructor(readonly pieces: Piece[]) {
    let offset = 0
    for (const piece of pieces) {
      this.starts.push(offset)
      offset += piece.text.length + SEPARATOR.length
    }
    this.text = pieces.map(p => p.text).join(SEPARATOR)
    this.lines = new LineIndex(this.text)
  }

  /** The index of the piece holding the character at `at`. */
  pieceAt(at: number): number {
    return lastBelow(this.starts, at + 1)
  }

  /** The file and line of the character at `at`. */
  place(at: number): { piece: Piece; index: number; line: number } | undefined {
    const index = this.pieceAt(at)
    const piece = this.pieces[index]
    if (!piece) return undefined
    const line =
      piece.firstLine + this.lines.lineAt(at) - this.lines.lineAt(this.starts[index] ?? 0)
    return { piece, index, line }
  }
}

async function secretlintBatch(joined: Joined, known: Known): Promise<SecretHit[]> {
  const { text, hits: seen } = known.blank(joined.text)
  scanWork.scanned += text.length
  const raw = await secretlintHits(text)
  for (const hit of raw) known.add(hit)
  return seen.concat(raw).flatMap(({ at, kind, value }) => {
    const placed = joined.place(at)
    if (!placed) return []
    return [{ path: placed.piece.path, line: placed.line, lines: [placed.line], kind, value }]
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

/**
 * The EXTRA_RULES' hits in a batch, matched over its joined text at once. A match that runs from one
 * piece into the next (over the separator's blank lines) is none of either: that batch is matched again
 * piece by piece, as whole files were.
 */
function extraBatchHits(joined: Joined): ExtraHit[] {
  const hits = extraHits(joined.text, (at, end) => {
    const placed = joined.place(at)
    if (!placed || placed.index !== joined.pieceAt(Math.max(at, end - 1))) return 'crossed'
    return { path: placed.piece.path, file: placed.piece.index, line: placed.line }
  })
  if (hits !== 'crossed') return hits
  return joined.pieces.flatMap(piece => {
    const lines = new LineIndex(piece.text)
    const own = extraHits(piece.text, at => ({
      path: piece.path,
      file: piece.index,
      line: piece.firstLine - 1 + lines.lineAt(at)
    }))
    return own === 'crossed' ? [] : own
  })
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
