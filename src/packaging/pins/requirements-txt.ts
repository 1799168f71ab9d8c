import { parseRequirement } from '../requirements.js'
import { parseSpecifier } from '../specifiers.js'
import { parseOptions, splitOnce, type Option } from './pip-options.js'
import { emptyReading, type FileReading, type LockedFile } from './types.js'

/**
 * A requirements file read as pip reads one (`pip/_internal/req/req_file.py`): lines ending in `\`
 * joined, comments (`#` at the start or after whitespace) dropped, then each line split into the
 * requirement (the words before the first that starts with `-`) and pip's options.
 */
export function readRequirementsTxt(file: string, text: string): FileReading {
  const reading = emptyReading()
  for (const { line, content } of logicalLines(text)) readLine(file, line, content, reading)
  return reading
}

interface LogicalLine {
  /** 1-based: the first physical line of a joined line. */
  line: number
  content: string
}

const COMMENT = /(^|\s+)#.*$/
/** Python's `str.splitlines()`, which pip splits a requirements file with. */
const BREAKS = '\\n\\r\\v\\f\\x1c\\x1d\\x1e\\x85\\u2028\\u2029'
const LINE_BREAK = new RegExp(`\\r\\n|[${BREAKS}]`)

/** pip's `join_lines` then `ignore_comments`: a comment line ends a continuation. */
export function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = []
  const push = (line: number, content: string) => {
    const stripped = content.replace(COMMENT, '').trim()
    if (stripped) lines.push({ line, content: stripped })
  }
  let joined: string[] = []
  let start = 0
  text
    .replace(/^\ufeff/, '')
    .split(LINE_BREAK)
    .forEach((raw, index) => {
      const isComment = /^\s*#/.test(raw) && COMMENT.test(raw)
      if (!raw.endsWith('\\') || isComment) {
        const content = isComment ? ` ${raw}` : raw
        if (joined.length) {
          push(start, joined.join('') + content)
          joined = []
        } else push(index + 1, content)
        return
      }
      if (!joined.length) start = index + 1
      joined.push(raw.replace(/^\\+|\\+$/g, ''))
    })
  if (joined.length) push(start, joined.join(''))
  return lines
}

function readLine(file: string, line: number, content: string, reading: FileReading): void {
  const words = content.split(' ')
  const firstOption = words.findIndex(word => word.startsWith('-'))
  const requirement = (firstOption < 0 ? words : words.slice(0, firstOption)).join(' ').trim()
  const where = `${file}:${line}`
  const parsed = parseOptions(firstOption < 0 ? '' : words.slice(firstOption).join(' '))
  if (!parsed.ok) return void reading.problems.push(`${where}: ${parsed.error}`)
  const { options } = parsed
  const hashes = lockedHashes(options, where, reading)
  if (requirement) return readRequirement(file, line, requirement, hashes, reading)
  if (options.some(option => option.name === 'hash'))
    reading.problems.push(`${where}: --hash needs a requirement on its line`)
  readOptionLine(file, line, options, reading)
}

/**
 * pip's `_parse_and_recurse`: on a line without a requirement, the first `-r` is followed, else the
 * first `-c`, else the first `-e` is an editable requirement; options on a requirement's line apply to
 * it alone.
 */
function readOptionLine(file: string, line: number, options: Option[], reading: FileReading): void {
  const first = (name: string) => options.find(option => option.name === name)?.value
  const include = first('requirement') ?? first('constraint')
  const editable = first('editable')
  const indexes = options.filter(o => INDEX_OPTIONS.has(o.name) && o.value !== undefined)
  for (const { value } of indexes)
    (reading.indexes ??= []).push({ where: `${file}:${line}`, url: value ?? '' })
  if (include !== undefined) reading.includes.push({ target: include, line })
  else if (editable !== undefined)
    reading.skipped.push({ file, line, text: editable, reason: 'editable' })
}

/** The options that make pip look for releases somewhere else than (or besides) the index. */
const INDEX_OPTIONS = new Set(['index-url', 'extra-index-url', 'find-links'])

const STRONG = new Set(['sha256', 'sha384', 'sha512'])

/** `--hash=sha256:…`: the sha256 digests kept (pip also allows sha384 and sha512, and no others). */
function lockedHashes(options: Option[], where: string, reading: FileReading): LockedFile[] {
  const hashes: LockedFile[] = []
  for (const option of options.filter(o => o.name === 'hash')) {
    const [algorithm = '', digest] = splitOnce(option.value ?? '', ':')
    if (digest === undefined || !STRONG.has(algorithm)) {
      reading.problems.push(
        `${where}: --hash=${option.value}: not sha256:, sha384: or sha512: followed by a digest`
      )
    } else if (algorithm === 'sha256') {
      if (/^[0-9a-f]{64}$/i.test(digest)) hashes.push({ sha256: digest.toLowerCase() })
      else reading.problems.push(`${where}: --hash=${option.value}: not a sha256 digest`)
    }
  }
  return hashes
}

function readRequirement(
  file: string,
  line: number,
  text: string,
  hashes: LockedFile[],
  reading: FileReading
): void {
  const parsed = parseRequirement(text)
  if (!parsed.ok) {
    if (looksLikeUrlOrPath(text)) reading.skipped.push({ file, line, text, reason: 'url' })
    else {
      const error = parsed.error.split('\n')[0]
      reading.problems.push(`${file}:${line}: ${text}: not a requirement (${error})`)
    }
    return
  }
  const { requirement } = parsed
  if (requirement.url !== undefined) {
    reading.skipped.push({ file, line, text, reason: 'url' })
    return
  }
  const version = pinnedVersion(requirement.specifierText)
  if (version === undefined) reading.skipped.push({ file, line, text, reason: 'unpinned' })
  else reading.pins.push({ name: requirement.name, version, hashes, file })
}

/** The version of a lone `==` (no wildcard) or `===` clause: what pins one release. */
export function pinnedVersion(specifier: string): string | undefined {
  if (specifier === '' || (specifier.includes(',') && !specifier.startsWith('==='))) return
  const clause = parseSpecifier(specifier)
  if (!clause) return undefined
  if (clause.operator === '===' || (clause.operator === '==' && !clause.wildcard))
    return clause.version
  return undefined
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i
const ARCHIVE = /\.(?:whl|zip|tar|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz)$/i

/** What pip installs from a link or a path rather than by name (`./pkg`, `pkg.whl`, `git+https://…`). */
function looksLikeUrlOrPath(text: string): boolean {
  const target = text.split(';')[0]?.trim() ?? ''
  return (
    URL_SCHEME.test(target) || /^[./~]/.test(target) || /[/\\]/.test(target) || ARCHIVE.test(target)
  )
}
