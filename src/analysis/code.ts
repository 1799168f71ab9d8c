import { DEVELOPER_ONLY } from '../packaging/project-files.js'
import type { ArchivePair } from '../compare/comparison.js'
import { entryText, scanText } from '../read/decode-text.js'
import type { Archive } from '../read/types.js'
import { parsePyproject } from '../packaging/pyproject.js'
import { chainsOnImport } from './import-chains.js'
import { importPackage, importPackages } from './modules.js'
import { mayCallOwnOnImport } from './own-calls.js'
import { mayDecodeAndExecute, mayHaveBehaviour } from './preselect.js'
import { moduleFacts, type ParseModule } from './parse-cache.js'
import type { Behaviour, CodeBehaviour } from './python-code.js'

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
   * keeps those no module of the same import package had in the previous release.
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
  const build = buildTimeFiles(current)
  const packages = importPackages(current.entries.keys())
  const roots = modules.filter(path => callsOwnOnImport(current, path, build, packages))
  if (!python.length && !declaring.length && !unread.length && !roots.length)
    return { suspicious: [], capabilitiesAdded: [] }
  const code = await (pythonCode ??= import('./python-code.js'))
  const parse = code.pythonModule
  const direct = [
    ...declaring.flatMap(path => encodingFinding(current, path, build)),
    ...unread.map(path => unreadFinding(current, path, build)),
    ...python.flatMap(path => parsed(parse, current, path, build))
  ]
  const withFindings = new Set(direct.map(f => f.path))
  const before = new Set(pair ? previousKeys(parse, pair, build, withFindings) : [])
  const isPackage = (path: string) => isPackageCode(path, packages)
  const gained = direct.flatMap(f =>
    f.within && !f.within.includes('.') && isPackage(f.path) && !before.has(key(f))
      ? [{ path: f.path, name: f.within }]
      : []
  )
  const chains =
    roots.length || gained.length
      ? await chainsOnImport(parse, current, { roots, gained, isPackageCode: isPackage }, pair)
      : { now: [], before: [] }
  const found = withChains(
    direct,
    chains.now.map(f => ({ ...f, runsAt: runsAt(f, build) }))
  )
  for (const f of chains.before) before.add(key({ ...f, runsAt: runsAt(f, build) }))
  const added = found.filter(f => !before.has(key(f)))
  const suspicious = added.filter(
    f => f.behaviour === 'decode-execute' || (f.runsAt !== 'run' && !DEVELOPER_ONLY(f.path))
  )
  return { suspicious, capabilitiesAdded: pair ? capabilityCandidates(added, packages) : [] }
}

/**
 * A changed module of an import package (or a build-time file) whose import-time code may call the
 * package's own functions (see call-chains.ts).
 */
function callsOwnOnImport(
  sdist: Archive,
  path: string,
  build: Set<string>,
  packages: Set<string>
): boolean {
  if (!build.has(path) && !isPackageCode(path, packages)) return false
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

/** The behaviours of a file that needs a parse (see needsParse), classified by when they run. */
function parsed(
  parse: ParseModule,
  sdist: Archive,
  path: string,
  build: Set<string>
): CodeFinding[] {
  const entry = sdist.entries.get(path)
  const { behaviours } = moduleFacts(parse, path, entry, scanText(entry) ?? '')
  return behaviours.map(found => ({ ...found, runsAt: runsAt(found, build) }))
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
  parse: ParseModule,
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
function capabilityCandidates(added: CodeFinding[], packages: Set<string>): CodeFinding[] {
  const firsts = new Map<Behaviour, CodeFinding>()
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
