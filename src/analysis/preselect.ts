/** Which modules are worth a parse: cheap readings of the text, before python-code.ts reads it. */

/**
 * What a file needs before python-code.ts can find a behaviour in it: the calls are resolved through
 * imports, so a network or process call needs its module imported (or `os.` spelled out), and handing
 * on the environment needs `environ`. A file with none is not parsed: `re.compile`, `os.environ.get(…)`
 * and "operating system" in a docstring need no parse.
 */
const IMPORTS_NETWORK_OR_PROCESS =
  /^[ \t]*(?:import|from)\b[^\n]*\b(?:urllib\d?|httplib|http|socket|requests|httpx|aiohttp|ftplib|smtplib|telnetlib|subprocess|pty|commands)\b|^[ \t]*import\b[^\n]*\bos\s+as\b/m
const CALLS_OS = /\bos\.(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|fork)\b/
/** `from os import system` (or a parenthesised or continued list holding it). */
const FROM_OS_IMPORT = /^[ \t]*from\s+os\s+import\s+(\([^)]*\)|(?:[^\n\\]|\\\n)*)/gm
const OS_PROCESS_NAMES = /\b(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|fork|environ)\b/
/** The whole environment handed on: `environ` not read one variable at a time. */
const MAY_ENVIRONMENT = /\benviron\b(?!\s*(?:\[|\.get\s*\(|\.setdefault\s*\())/

/**
 * A module or function named by a constant string (`__import__('subprocess')`,
 * `importlib.import_module('urllib.request')`, `getattr(os, 'system')`), which python-code.ts resolves.
 */
const BY_NAME =
  /\b(?:__import__|import_module)\s*\(\s*[rbuRBU]?['"](?:urllib\d?|httplib|http|socket|requests|httpx|aiohttp|ftplib|smtplib|telnetlib|subprocess|pty|commands|os|builtins)\b|\bgetattr\s*\([^;\n]*?,\s*[rbuRBU]?['"](?:system|popen|Popen|exec\w*|spawn\w*|posix_spawnp?|fork|eval|compile|check_output|check_call|getoutput|urlopen|urlretrieve|create_connection|environ)['"]/

export function mayHaveBehaviour(text: string): boolean {
  return (
    BY_NAME.test(text) ||
    IMPORTS_NETWORK_OR_PROCESS.test(text) ||
    CALLS_OS.test(text) ||
    [...text.matchAll(FROM_OS_IMPORT)].some(m => OS_PROCESS_NAMES.test(m[1] ?? '')) ||
    MAY_ENVIRONMENT.test(text) ||
    mayDecodeAndExecute(text)
  )
}

/**
 * Tests, docs and examples only matter for decoding and executing data (everything else they do runs
 * on a developer's machine, on purpose): a file that cannot do that is not parsed.
 */
export function mayDecodeAndExecute(text: string): boolean {
  return (
    (EXECUTES.test(text) && DECODES.test(text)) ||
    (UNPICKLERS.test(text) && (LOADS_LITERAL.test(text) || /\bloads\s+as\b/.test(text)))
  )
}

/** exec/eval/compile of decoded data: a decoder (`marshal.loads` among them) must be named. */
const EXECUTES = /\b(?:exec|eval|compile)\b/
const DECODES = /\b(?:\w*decode\w*|decompress|unhexlify|a2b_\w+|fromhex|marshal)\b/
/** `pickle.loads(b"…")` or of decoded bytes: a literal, or a decoder within the call's first 300 characters. */
const UNPICKLERS = /\b(?:marshal|pickle|_pickle|dill)\b/
const LOADS_LITERAL =
  /\bloads\s*\(\s*(?:[rbuRBU]{0,2}['"]|[\s\S]{0,300}?(?:decode|fromhex|decompress|unhexlify|a2b_))/
