import type { Readable } from 'node:stream'
import { parseArgs } from 'node:util'
import { retryPolicyFromEnv } from '../acquire/http.js'
import { proxiedFetch, proxySettingsFromEnv } from '../acquire/proxy.js'
import { DEFAULT_INDEX_URL } from '../acquire/simple-index.js'
import { releasesByName, type ByName } from './by-name.js'
import { compareDependencies } from './dependencies.js'
import { cliCache } from './cache.js'
import { CLI_POLICY } from '../decide/decide.js'
import { describeAcceptance } from '../judge/acceptance.js'
import { DEFAULT_CONFIG_PATH } from '../config/load-config.js'
import type { Sources } from '../pipeline/index.js'
import { runRelease, type ReleaseRun } from '../pipeline/run-release.js'
import { FORMATS, render, type Format } from '../render/index.js'
import { logLine } from '../render/escape.js'
import { renderRun } from '../render/run.js'
import { parseRisk, type Risk } from '../judge/severity.js'
import type { RunReport } from '../report/types.js'
import { writeOutput } from './output.js'
import { spoolInputs, unspool, type Spooled } from './spool.js'
import { readLimitsFromEnv } from '../read/limits-from-env.js'
import type { ReadLimits } from '../read/read-archive.js'
import { VERSION } from './version.js'
import { makeTempFolder, removeTempFolder } from '../util/temp-folders.js'
import { SOURCE_CHECK_MODES, type SourceCheckMode } from '../pipeline/source-check.js'

export const USAGE = `Usage: sdist-diff PREVIOUS.tar.gz CURRENT.tar.gz [options]
       sdist-diff [--previous SPEC] [--index-url URL] [CURRENT...] [options]
       sdist-diff NAME==OLD NAME==NEW | NAME==NEW | NAME [--index-url URL] [options]
       sdist-diff --dependencies REF [--working-directory DIR] [--index-url URL] [options]

Compares Python source distributions and judges what the release changes. Two wheels
(OLD.whl NEW.whl) compare the same way; in the second form CURRENT may include wheels, each compared
with the previous release's wheel and checked against its own sdist.

The first form compares two files. The second checks a whole release: every CURRENT sdist (paths or
globs; none: build them with --build-command) is paired by name with its previous release. An input
may be - (standard input), a FIFO or a process substitution. Build logs go to standard error.
The third compares published releases on the index, before you upgrade: two versions, a version and
the release before it, or the latest release and the one before it. An argument that is an existing
file is a file; otherwise it must be a project name with an optional ==VERSION.
The fourth judges every pinned dependency whose version changed between the dependency files at git
REF and the working tree (requirements files, uv.lock, poetry.lock, pylock.toml, Pipfile.lock,
pdm.lock), each as the third form judges NAME==OLD NAME==NEW.

Options:
  --format text|markdown|json   report format (default: text)
  --fail-on none|info|low|medium|high
                                exit 1 when the risk reaches this level (default: high)
  --output FILE                 write the report to FILE instead of standard output
  --config FILE                 rule severities and ignored paths (default: .github/sdist-diff.yml
                                when it exists)
  --dependencies REF            compare the dependency pins at git REF with the working tree's
  --dependency-files GLOB       with --dependencies: read these files instead of those detected (repeat)
  --previous SPEC               empty: the release before CURRENT on the index; a version (1.4.2);
                                a path, glob or URL of an sdist; or git:REF to build that ref
  --index-url URL               PEP 503/691 simple index (default: https://pypi.org/simple/)
  --cache-dir DIR               keep downloads here, by SHA-256 (default: $SDIST_DIFF_CACHE_DIR,
                                else sdist-diff under $XDG_CACHE_HOME or ~/.cache)
  --no-cache                    download every file again, and keep none
  --build-command CMD           builds sdists into {outdir} (default: python -m build --sdist --outdir {outdir})
  --working-directory DIR       where to build and to resolve CURRENT (default: .)
  --packages NAME|GLOB           compare only these current sdists (repeat, or comma-separated)
  --source-check auto|true|false
                                compare each sdist with git HEAD and the release tag (default auto:
                                on in a git checkout when CURRENT is built or given from inside it)
  -V, --version                 print the version
  -h, --help                    show this help

Exit status: 0 risk below --fail-on, 1 risk reached --fail-on, 2 bad usage or unreadable input.
`

export interface CliIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Read for a `-` input; default: the process's standard input. */
  stdin?: Readable
}

export class UsageError extends Error {}

interface CliOptions {
  /** Two files given and no release option: compare them as a pair. */
  pair: boolean
  /** Published releases named instead of files: `NAME`, `NAME==NEW`, `NAME==OLD NAME==NEW`. */
  byName?: ByName
  /** `--dependencies REF`: the git ref whose dependency pins the working tree's are compared with. */
  dependencies?: string
  /** `--dependency-files GLOB`: the dependency files to read instead of those detected. */
  dependencyFiles?: string[]
  cacheDir?: string
  noCache: boolean
  paths: string[]
  format: Format
  failOn: Risk
  output?: string
  config?: string
  previous?: string
  indexUrl?: string
  buildCommand?: string
  workingDirectory?: string
  sourceCheck: SourceCheckMode
  packages: string[]
}

const RELEASE_OPTIONS = [
  'previous',
  'index-url',
  'build-command',
  'working-directory',
  'source-check',
  'packages'
] as const

export function parseCliArgs(argv: string[]): CliOptions | 'help' | 'version' {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      tokens: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'high' },
        output: { type: 'string', short: 'o' },
        config: { type: 'string' },
        previous: { type: 'string' },
        dependencies: { type: 'string' },
        'dependency-files': { type: 'string', multiple: true },
        'index-url': { type: 'string' },
        'build-command': { type: 'string' },
        'working-directory': { type: 'string' },
        'source-check': { type: 'string' },
        'cache-dir': { type: 'string' },
        'no-cache': { type: 'boolean' },
        packages: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' }
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals, tokens } = parsed
  if (values.help) return 'help'
  if (values.version) return 'version'
  refuseRepeatedOptions(tokens)
  const release = RELEASE_OPTIONS.some(name => values[name] !== undefined)
  const format = values.format as Format
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${values.format}"`)
  }
  let failOn: Risk
  try {
    failOn = parseRisk(values['fail-on'], '--fail-on')
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const sourceCheck = (values['source-check'] ?? 'auto') as SourceCheckMode
  if (!SOURCE_CHECK_MODES.includes(sourceCheck)) {
    throw new UsageError(
      `--source-check must be one of ${SOURCE_CHECK_MODES.join(', ')}; got "${values['source-check']}"`
    )
  }
  if (values['no-cache'] && values['cache-dir'])
    throw new UsageError('--no-cache and --cache-dir contradict each other: give one')
  if (values.dependencies !== undefined)
    return dependencyOptions(
      values.dependencies,
      positionals,
      RELEASE_OPTIONS.filter(name => values[name] !== undefined),
      {
        format,
        failOn,
        sourceCheck,
        ...(values.output && { output: values.output }),
        ...(values.config && { config: values.config }),
        ...(values['index-url'] && { indexUrl: values['index-url'] }),
        ...(values['working-directory'] && { workingDirectory: values['working-directory'] }),
        noCache: values['no-cache'] ?? false,
        ...(values['cache-dir'] && { cacheDir: values['cache-dir'] }),
        dependencyFiles: values['dependency-files'] ?? []
      }
    )
  if (values['dependency-files'])
    throw new UsageError('--dependency-files names the files --dependencies REF reads: give both')
  const byName = namedReleases(
    positionals,
    RELEASE_OPTIONS.filter(name => name !== 'index-url' && values[name] !== undefined)
  )
  if (!byName && !release && positionals.length !== 2) {
    throw new UsageError(
      `expected PREVIOUS and CURRENT sdists, got ${positionals.length} arguments (or give --previous to check a release)`
    )
  }
  return {
    pair: !release && !byName,
    ...(byName && { byName }),
    sourceCheck,
    noCache: values['no-cache'] ?? false,
    ...(values['cache-dir'] && { cacheDir: values['cache-dir'] }),
    packages: (values.packages ?? [])
      .flatMap(item => item.split(','))
      .map(item => item.trim())
      .filter(Boolean),
    paths: positionals,
    format,
    failOn,
    ...(values.output && { output: values.output }),
    ...(values.config && { config: values.config }),
    ...(values.previous !== undefined && { previous: values.previous }),
    ...(values['index-url'] && { indexUrl: values['index-url'] }),
    ...(values['build-command'] && { buildCommand: values['build-command'] }),
    ...(values['working-directory'] && { workingDirectory: values['working-directory'] })
  }
}

/** `--dependencies REF`: no files named, and of the release options only the folder and the index. */
function dependencyOptions(
  ref: string,
  positionals: string[],
  given: string[],
  options: Omit<CliOptions, 'pair' | 'paths' | 'packages'>
): CliOptions {
  if (!ref.trim()) throw new UsageError('--dependencies needs a git ref (a commit, branch or tag)')
  if (positionals.length)
    throw new UsageError(
      `--dependencies compares dependency files at a git ref with the working tree: it takes no files or names (got "${positionals[0]}")`
    )
  const refused = given.find(name => name !== 'working-directory' && name !== 'index-url')
  if (refused)
    throw new UsageError(
      `--${refused} is for a release; --dependencies takes --working-directory and --index-url`
    )
  return { ...options, pair: false, paths: [], packages: [], dependencies: ref.trim() }
}

/** Releases named on the index, which only --index-url (and the output options) may go with. */
function namedReleases(positionals: string[], releaseOptions: string[]): ByName | undefined {
  let byName: ByName | undefined
  try {
    byName = releasesByName(positionals)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (byName && releaseOptions.length)
    throw new UsageError(
      `--${releaseOptions[0]} is for a release built or given as files; published releases are named alone (NAME==OLD NAME==NEW)`
    )
  return byName
}

/** Options that take many values (`--packages`) or none (`--help`) may repeat; a second value of any other would silently replace the first. */
function refuseRepeatedOptions(tokens: { kind: string; name?: string; value?: string }[]): void {
  const seen = new Map<string, number>()
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined || !token.name) continue
    if (token.name === 'packages' || token.name === 'dependency-files') continue
    seen.set(token.name, (seen.get(token.name) ?? 0) + 1)
  }
  for (const [name, count] of seen) {
    if (count < 2) continue
    const hint =
      name === 'previous'
        ? ': one spec names the previous release (a glob takes its sdist and wheels, e.g. "old/pkg-1.0*")'
        : ''
    throw new UsageError(`--${name} was given ${count} times; it takes one value${hint}`)
  }
}

/** Runs the CLI and returns its exit status; never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let spooled: Spooled[] = []
  const folder = await makeTempFolder('sdist-diff-cli-')
  try {
    const options = parseCliArgs(argv)
    if (options === 'help' || options === 'version') {
      io.stdout(options === 'help' ? USAGE : `sdist-diff ${VERSION}\n`)
      return 0
    }
    const readLimits = readLimitsFromEnv(process.env)
    if (options.dependencies !== undefined)
      return finish(
        await compareDependencies(options, options.dependencies, io, readLimits),
        options,
        io
      )
    if (options.byName) return await finish(await compare(options, io, readLimits), options, io)
    const inputs = await spoolInputs(
      [...options.paths, ...(options.previous ? [options.previous] : [])],
      folder,
      io.stdin ?? process.stdin,
      readLimits.maxUnpackedBytes
    )
    spooled = inputs.spooled
    const given = {
      ...options,
      paths: inputs.paths.slice(0, options.paths.length),
      ...(options.previous && { previous: inputs.paths[options.paths.length] ?? '' })
    }
    return await finish(await compare(given, io, readLimits), options, io)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`${logLine(`sdist-diff: ${unspool(message, spooled)}`)}\n`)
    if (error instanceof UsageError) io.stderr(`Run sdist-diff --help for usage.\n`)
    return 2
  } finally {
    await removeTempFolder(folder)
  }
}

async function compare(
  options: CliOptions,
  io: CliIO,
  readLimits: ReadLimits
): Promise<ReleaseRun> {
  const sources = sourcesOf(options)
  const log = (message: string) => io.stderr(`${logLine(message)}\n`)
  const proxied = proxiedFetch(proxySettingsFromEnv(process.env))
  const cache = cliCache(options, process.env, message => log(`warning: ${message}`))
  const run = await runRelease(
    {
      sources,
      config: {
        path: options.config ?? DEFAULT_CONFIG_PATH,
        explicit: options.config !== undefined
      },
      sourceCheck: {
        mode: options.sourceCheck,
        workingDirectory: options.workingDirectory ?? '.',
        current: options.paths,
        ...(options.previous !== undefined && { previous: options.previous })
      },
      policy: { ...CLI_POLICY, failOn: options.failOn },
      options: { readLimits, retry: retryPolicyFromEnv(process.env) }
    },
    { log, notice: log, ...(proxied && { fetch: proxied }), ...(cache && { cache }) }
  )
  for (const stale of run.stale)
    io.stderr(
      `sdist-diff: warning: the config accepts ${describeAcceptance(stale)} ("${stale.reason}") but no finding matches it\n`
    )
  return run
}

/** Published releases by name, two files, or a release (files, globs or a build, and its previous spec). */
function sourcesOf(options: CliOptions): Sources {
  if (options.byName)
    return { kind: 'published', ...options.byName, indexUrl: options.indexUrl ?? DEFAULT_INDEX_URL }
  const [previous = '', current = ''] = options.paths
  if (options.pair) return { kind: 'pair', previous, current }
  return {
    kind: 'release',
    current: options.paths,
    ...(options.previous !== undefined && { previous: options.previous }),
    ...(options.indexUrl !== undefined && { indexUrl: options.indexUrl }),
    ...(options.buildCommand !== undefined && { buildCommand: options.buildCommand }),
    ...(options.workingDirectory !== undefined && { workingDirectory: options.workingDirectory }),
    ...(options.packages.length && { packages: options.packages })
  }
}

/** Writes the report and says whether the risk reached --fail-on. */
async function finish(
  { report, decision }: ReleaseRun,
  options: CliOptions,
  io: CliIO
): Promise<number> {
  const output = renderOutput(report, options)
  if (options.output) await writeOutput(options.output, output)
  else io.stdout(output)
  if (decision.failures.length) {
    io.stderr(`sdist-diff: risk ${report.risk} reaches --fail-on ${options.failOn}\n`)
    return 1
  }
  return 0
}

/** The two-file form prints one package's report (its JSON is a Report); a release prints the run. */
function renderOutput(report: RunReport, options: CliOptions): string {
  const [only] = report.packages
  return options.pair && only ? render(only, options.format) : renderRun(report, options.format)
}
