import { DEVELOPER_ONLY } from '../packaging/project-files.js'
import type { ArchivePair } from '../compare/comparison.js'
import { entryText, scanText } from '../read/decode-text.js'
import type { Archive } from '../read/types.js'
import { parsePyproject } from '../packaging/pyproject.js'
import { chainsOnImport } from './import-chains.js'
import { importPackage, importPackages } from './modules.js'
import { mayCallOwnOnImport } from './own-calls.js'
import type { Behaviour, CodeBehaviour, pythonBehaviours } from './python-code.js'

type Parse = typeof pythonBehaviours

/** The Python grammar loads on first use: a release whose changed files need no parse never pays for it. */
let pythonCode: Promise<typeof import('./python-code.js')> | undefined

/** When code runs on someone else's machine: building the sdist, importing the package, or calling it. */
export type RunsAt = 'build' | 'import' | 'run'

export interface CodeFinding extends CodeBehaviour {
  runsAt: RunsAt
}

/** What the code analysis hands the rules. */
export interface CodeAnalysis {
  /** New decode-and-execute anywhere; new network, process or environment use at build or import time. */
  suspicious: CodeFinding[]
  /**
   * Run-time behaviours of a kind the release's changed files add, one example each; the analysis stage
   * keeps those no module of the previous release had.
   */
  capabilitiesAdded: CodeFinding[]
}

const BUILD_HOOKS = new Set(['setup.py', 'hatch_build.py', 'pdm_build.py', 'build.py'])

/**
 * Python behaviours in the files a release adds or changes (every file of a first release), classified by
 * when they run and compared with the same files of the previous release.
 */
export async function analyseCode(
  current: Archive,
  changed: string[],
  pair?: ArchivePair
): Promise<CodeAnalysis> {
  const modules = changed.filter(path => path.endsWith('.py'))
  const python = modules.filter(path => needsParse(current, path))
  const declaring = modules.filter(path => declaresEncoding(current, path))
  const unread = modules.filter(path => isUnread(current, path))
  const roots = modules.filter(path => callsOwnOnImport(current, path))
  if (!python.length && !declaring.length && !unread.length && !roots.length)
    return { suspicious: [], capabilitiesAdded: [] }
  const code = await (pythonCode ??= import('./python-code.js'))
  const parse = code.pythonBehaviours
  const build = buildTimeFiles(current)
  const chains = roots.length
    ? await chainsOnImport(code.pythonModule, current, roots, pair)
    : { now: [], before: [] }
  const found = withChains(
    [
      ...declaring.flatMap(path => encodingFinding(current, path, build)),
      ...unread.map(path => unreadFinding(current, path, build)),
      ...python.flatMap(path => parsed(parse, current, path, build))
    ],
    chains.now.map(f => ({ ...f, runsAt: runsAt(f, build) }))
  )
  const withFindings = new Set(found.map(f => f.path))
  const before = new Set([
    ...(pair ? previousKeys(parse, pair, build, withFindings) : []),
    ...chains.before.map(f => key({ ...f, runsAt: runsAt(f, build) }))
  ])
  const added = found.filter(f => !before.has(key(f)))
  const suspicious = added.filter(
    f => f.behaviour === 'decode-execute' || (f.runsAt !== 'run' && !DEVELOPER_ONLY(f.path))
  )
  return { suspicious, capabilitiesAdded: pair ? capabilityCandidates(added, current) : [] }
}

/**
 * What a file needs before python-code.ts can find a behaviour in it: the calls are resolved through
 * imports, so a network or process call needs its module imported (or `os.` spelled out), and handing
 * on the environment needs `environ`. A file with none is not parsed: `re.compile`, `os.environ.get(…)`
 * and "operating system" in a docstring need no parse.
 */
const IMPORTS_NETWORK =
  /^[ \t]*(?:import|from)\b[^\n]*\b(?:urllib\d?|httplib|http|socket|requests|httpx|aiohttp|ftplib|smtplib|telnetlib)\b/m
const IMPORTS_PROCESS =
  /^[ \t]*(?:import|from)\b[^\n]*\b(?:subprocess|pty|commands)\b|^[ \t]*import\b[^\n]*\bos\s+as\b/m
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

function mayHaveBehaviour(text: string): boolean {
  return (
    BY_NAME.test(text) ||
    IMPORTS_NETWORK.test(text) ||
    IMPORTS_PROCESS.test(text) ||
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
function mayDecodeAndExecute(text: string): boolean {
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

/** A changed module whose import-time code may call the package's own functions (see call-chains.ts). */
function callsOwnOnImport(sdist: Archive, path: string): boolean {
  if (DEVELOPER_ONLY(path)) return false
  const text = scanText(sdist.entries.get(path))
  return text !== undefined && mayCallOwnOnImport(path, text)
}

/** A behaviour reached on import through a call chain replaces the same call found as run-time. */
function withChains(found: CodeFinding[], chained: CodeFinding[]): CodeFinding[] {
  const at = (f: CodeFinding) => `${f.path}\0${f.line}\0${f.behaviour}`
  const reached = new Map<string, CodeFinding>()
  for (const f of chained) if (!reached.has(at(f))) reached.set(at(f), f)
  const direct = found.map(f => reached.get(at(f)) ?? f)
  for (const f of direct) reached.delete(at(f))
  return [...direct, ...reached.values()]
}

function needsParse(sdist: Archive, path: string): boolean {
  const text = scanText(sdist.entries.get(path))
  if (text === undefined || !mayHaveBehaviour(text)) return false
  return !DEVELOPER_ONLY(path) || mayDecodeAndExecute(text)
}

function declaresEncoding(sdist: Archive, path: string): boolean {
  const entry = sdist.entries.get(path)
  return entryText(entry) !== undefined && entry?.declaredEncoding !== undefined
}

/** A file the analysis could not read: larger than even the scan cap (see loadLargeFiles). */
function isUnread(sdist: Archive, path: string): boolean {
  const entry = sdist.entries.get(path)
  return entry?.type === 'file' && entry.size > 0 && scanText(entry) === undefined
}

function unreadFinding(sdist: Archive, path: string, build: Set<string>): CodeFinding {
  const size = sdist.entries.get(path)?.size ?? 0
  const found: CodeBehaviour = {
    path,
    line: 1,
    behaviour: 'unread',
    call: `${Math.round(size / 1024 ** 2)} MiB`,
    level: 'module'
  }
  return { ...found, runsAt: runsAt(found, build) }
}

/** A module whose coding cookie names an unusual encoding: the whole module is read that way. */
function encodingFinding(sdist: Archive, path: string, build: Set<string>): CodeFinding[] {
  const declared = sdist.entries.get(path)?.declaredEncoding
  if (!declared) return []
  const found: CodeBehaviour = {
    path,
    line: declared.line,
    behaviour: 'source-encoding',
    call: `coding: ${declared.name}`,
    level: 'module'
  }
  return [{ ...found, runsAt: runsAt(found, build) }]
}

/**
 * Behaviours by module content (sha256 and how it was decoded), so that a wheel's copy of a module the
 * sdist of its release holds is not parsed again. Cleared past a bound: a long-lived process keeps few.
 */
const parsedByContent = new Map<string, Omit<CodeBehaviour, 'path'>[]>()
const PARSED_KEPT = 4096

/** The behaviours of a file that needs a parse (see needsParse), classified by when they run. */
function parsed(parse: Parse, sdist: Archive, path: string, build: Set<string>): CodeFinding[] {
  const entry = sdist.entries.get(path)
  const text = scanText(entry) ?? ''
  const key = entry && `${entry.sha256}\0${entry.binary ? 'binary' : 'python'}\0${text.length}`
  let behaviours = key === undefined ? undefined : parsedByContent.get(key)
  if (!behaviours) {
    behaviours = parse(path, text).map(({ path: _path, ...b }) => b)
    if (parsedByContent.size >= PARSED_KEPT) parsedByContent.clear()
    if (key !== undefined) parsedByContent.set(key, behaviours)
  }
  return behaviours.map(b => {
    const found = { path, ...b }
    return { ...found, runsAt: runsAt(found, build) }
  })
}

function runsAt(found: CodeBehaviour, build: Set<string>): RunsAt {
  const root = found.via?.[0]?.path
  if (root !== undefined) return build.has(root) ? 'build' : 'import'
  if (build.has(found.path)) return 'build'
  if (DEVELOPER_ONLY(found.path)) return 'run'
  return found.level === 'module' ? 'import' : 'run'
}

const key = (f: CodeFinding) => `${f.path}\0${f.behaviour}\0${f.call}\0${f.runsAt}`

/** The same files in the previous release (a renamed file under its new name), where there is a finding. */
function previousKeys(
  parse: Parse,
  pair: ArchivePair,
  build: Set<string>,
  wanted: Set<string>
): string[] {
  const { files, previous } = pair
  const sources: [string, string][] = [
    ...files.modified.map((path): [string, string] => [path, path]),
    ...files.typeChanged.map((path): [string, string] => [path, path]),
    ...files.renamed.map(({ from, to }): [string, string] => [from, to])
  ]
  return sources
    .filter(([, now]) => wanted.has(now))
    .flatMap(([then, now]) =>
      [
        ...(declaresEncoding(previous, then) ? encodingFinding(previous, then, build) : []),
        ...(needsParse(previous, then) ? parsed(parse, previous, then, build) : [])
      ].map(f => key({ ...f, path: now }))
    )
}

/** The first run-time finding of each kind of network, process or environment use in package code. */
function capabilityCandidates(added: CodeFinding[], current: Archive): CodeFinding[] {
  const firsts = new Map<Behaviour, CodeFinding>()
  const packages = importPackages(current.entries.keys())
  for (const f of added) {
    if (f.behaviour === 'decode-execute' || f.behaviour === 'source-encoding') continue
    if (f.behaviour === 'unread') continue
    if (f.runsAt !== 'run' || !isPackageCode(f.path, packages)) continue
    if (!firsts.has(f.behaviour)) firsts.set(f.behaviour, f)
  }
  return [...firsts.values()]
}

/**
 * A module of one of the import packages (see importPackages), not tests or docs: what capabilities
 * are found in and what a previous release's capabilities are read from.
 */
export const isPackageCode = (path: string, packages: Set<string>) =>
  path.endsWith('.py') && !DEVELOPER_ONLY(path) && packages.has(importPackage(path))

/**
 * The files that run when the sdist is built: setup.py and the local modules it imports, build hooks,
 * and an in-tree build backend (`[build-system] backend-path`).
 */
function buildTimeFiles(sdist: Archive): Set<string> {
  const files = new Set<string>()
  const paths = [...sdist.entries.keys()]
  for (const path of paths) if (BUILD_HOOKS.has(path)) files.add(path)
  const pyproject = parsePyproject(entryText(sdist.entries.get('pyproject.toml')) ?? '')
  const backendPaths = pyproject.ok ? (pyproject.buildSystem?.backendPath ?? []) : []
  for (const folder of backendPaths) {
    const prefix = folder.replace(/^\.\/?/, '').replace(/\/?$/, '/')
    for (const path of paths)
      if (path.endsWith('.py') && (prefix === '/' || path.startsWith(prefix))) files.add(path)
  }
  const setup = entryText(sdist.entries.get('setup.py'))
  for (const module of setup ? localImports(setup) : []) {
    for (const candidate of [`${module}.py`, `${module}/__init__.py`])
      if (sdist.entries.has(candidate)) files.add(candidate)
  }
  return files
}

/** Top-level module names a file imports (`import helper`, `from build_helpers.x import y`). */
function localImports(text: string): string[] {
  const names = new Set<string>()
  for (const [, from, imported] of text.matchAll(
    /^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w., ]+))/gm
  )) {
    for (const name of (from ?? imported ?? '').split(','))
      names.add(name.trim().split(/\s|\./)[0] ?? '')
  }
  names.delete('')
  return [...names]
}
