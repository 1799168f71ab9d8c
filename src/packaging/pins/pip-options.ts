/** pip's options of a requirements file (`req_file.py`'s SUPPORTED_OPTIONS and _REQ), by each name. */
const VALUED = new Map<string, string>([
  ['-r', 'requirement'],
  ['--requirement', 'requirement'],
  ['-c', 'constraint'],
  ['--constraint', 'constraint'],
  ['-e', 'editable'],
  ['--editable', 'editable'],
  ['-i', 'index-url'],
  ['--index-url', 'index-url'],
  ['--extra-index-url', 'extra-index-url'],
  ['-f', 'find-links'],
  ['--find-links', 'find-links'],
  ['--no-binary', 'no-binary'],
  ['--only-binary', 'only-binary'],
  ['--trusted-host', 'trusted-host'],
  ['--use-feature', 'use-feature'],
  ['--hash', 'hash'],
  ['--global-option', 'global-option'],
  ['--config-settings', 'config-settings'],
  ['-C', 'config-settings']
])
const FLAGS = new Set(['--no-index', '--prefer-binary', '--require-hashes', '--pre'])
const LONG_NAMES = [...VALUED.keys(), ...FLAGS].filter(name => name.startsWith('--'))

export interface Option {
  name: string
  value?: string
}

export type OptionsParse = { ok: true; options: Option[] } | { ok: false; error: string }

/**
 * The options of a line as pip reads them: `shlex.split`, then optparse (`--name=value`,
 * `--name value`, `-xvalue`, `-x value`, a long name abbreviated to any unambiguous prefix; words
 * that are no option are ignored, as optparse leaves them to the caller and pip drops them).
 */
export function parseOptions(text: string): OptionsParse {
  const tokens = shellWords(text)
  if (!tokens) return { ok: false, error: `${text}: unbalanced quotes or a trailing \\` }
  const options: Option[] = []
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? ''
    if (token === '--') break
    if (!token.startsWith('-') || token === '-') continue
    const long = token.startsWith('--')
    const [written = '', attached] = long
      ? splitOnce(token, '=')
      : [token.slice(0, 2), token.slice(2)]
    const flag = long ? longName(written) : written
    if (typeof flag !== 'string') return flag
    if (FLAGS.has(flag)) {
      if (attached !== undefined) return { ok: false, error: `${flag} takes no value` }
      options.push({ name: flag.slice(2) })
      continue
    }
    const name = VALUED.get(flag)
    if (!name)
      return { ok: false, error: `${token}: not an option pip reads in a requirements file` }
    const value = long ? (attached ?? tokens[++index]) : attached || tokens[++index]
    if (value === undefined) return { ok: false, error: `${flag} needs a value` }
    options.push({ name, value })
  }
  return { ok: true, options }
}

/** optparse's `_match_abbrev`: the name itself, or the one long name it begins. */
function longName(written: string): string | { ok: false; error: string } {
  if (LONG_NAMES.includes(written)) return written
  const matches = LONG_NAMES.filter(name => name.startsWith(written))
  if (matches.length === 1) return matches[0] ?? written
  const error = matches.length
    ? `${written}: ambiguous (${matches.join(', ')})`
    : `${written}: not an option pip reads in a requirements file`
  return { ok: false, error }
}

export function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)]
}

const SHELL_SPACE = new Set([' ', '\t', '\r', '\n'])

/** Python's `shlex.split` (POSIX mode): words, quotes removed; undefined where shlex raises. */
export function shellWords(text: string): string[] | undefined {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: string | undefined
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? ''
    const next = text[index + 1] ?? ''
    if (quote === "'") {
      if (char === "'") quote = undefined
      else word += char
    } else if (quote === '"') {
      if (char === '"') quote = undefined
      else if (char === '\\' && (next === '"' || next === '\\')) word += text[++index]
      else word += char
    } else if (SHELL_SPACE.has(char)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      inWord = true
      if (char === "'" || char === '"') quote = char
      else if (char !== '\\') word += char
      else if (index + 1 < text.length) word += text[++index]
      else return undefined
    }
  }
  if (quote) return undefined
  if (inWord) words.push(word)
  return words
}
