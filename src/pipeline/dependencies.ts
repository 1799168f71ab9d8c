import pLimit from 'p-limit'
import { withoutCredentials } from '../acquire/credentials.js'
import { sdistVersion, wheelName } from '../acquire/sdist-filename.js'
import type { IndexFile } from '../acquire/simple-index.js'
import type { ProjectTree } from '../acquire/dependency-trees.js'
import { normalizeName } from '../packaging/names.js'
import {
  DETECTED_NAMES,
  diffPins,
  dependencyFiles,
  readPins,
  type FileReading,
  type Pin,
  type PinChange,
  type PinSet
} from '../packaging/pins/index.js'
import { normalizeVersion } from '../packaging/version.js'
import {
  dependencyNotJudged,
  lockHashFindings,
  lockHashMismatch,
  pinFindings
} from '../judge/dependency-pins.js'
import type { JudgeConfig } from '../judge/judge.js'
import { highestRisk } from '../judge/severity.js'
import { MAX_DEPENDENCY_CHANGES } from '../report/report-schema.js'
import type { DependencyChange, Report, RunReport } from '../report/types.js'

/** Two sides of a dependency change: the base commit's dependency files and the head's. */
export interface DependencyRequest {
  base: ProjectTree
  head: ProjectTree
  /** `dependency-files`: globs that replace the detection. */
  globs?: string[]
  judge: JudgeConfig
  /** Changes judged at once. */
  concurrency: number
  /** The index every release is judged on (`index-url`). */
  indexUrl?: string
}

export interface DependencyEffects {
  /**
   * The reports of a published release compared with an earlier one (`NAME==OLD NAME==NEW`), or judged
   * alone as a first release when `previous` is undefined; `files` is the project's listing.
   */
  judgeRelease(
    name: string,
    previous: string | undefined,
    current: string,
    files: IndexFile[]
  ): Promise<Report[]>
  /** The index's files of a project (undefined: not on the index). */
  listFiles(name: string): Promise<IndexFile[] | undefined>
  log(message: string): void
}

/** Reads both sides' pins, and judges every dependency whose pinned version changed. */
export async function reviewDependencies(
  request: DependencyRequest,
  effects: DependencyEffects
): Promise<RunReport> {
  const [base, head] = await Promise.all([
    pinsOf(request.base, request.globs, effects),
    pinsOf(request.head, request.globs, effects)
  ])
  if (head.broken.length)
    throw new Error(
      `${head.broken.join(', ')} in ${request.head.name} cannot be read (${head.problems.filter(problem => head.broken.some(file => problem.startsWith(file))).join('; ')}): fix it, since read as it is, every pin in it would count as removed`
    )
  for (const line of otherIndexes(head, request.indexUrl)) effects.log(line)
  const changes = diffPins(base, head)
  if (changes.length > MAX_DEPENDENCY_CHANGES)
    throw new Error(
      `${changes.length} pinned versions changed between ${request.base.name} and ${request.head.name}, more than the ${MAX_DEPENDENCY_CHANGES} one review judges: nothing was looked up. Check the dependency files (${head.files.join(', ')}), or name fewer with dependency-files`
    )
  effects.log(
    `dependencies: ${changes.length} pinned version(s) changed between ${request.base.name} and ${request.head.name} (${head.files.join(', ') || NO_FILES})`
  )
  const limit = pLimit(request.concurrency)
  let done = 0
  const judged = await Promise.all(
    changes.map(change =>
      limit(async () => {
        const result = await judgeChange(change, request.judge, effects)
        effects.log(`[${++done}/${changes.length}] ${describe(change)}: risk ${result.entry.risk}`)
        return result
      })
    )
  )
  const packages = judged.flatMap(result => result.reports)
  const dependencies = judged.map(result => result.entry)
  return {
    schemaVersion: 1,
    risk: highestRisk(dependencies.map(entry => entry.risk)),
    packages,
    dependencies
  }
}

/**
 * A side's pins. The readers take text synchronously, so the files they ask for are loaded first, and
 * again for the includes (`-r`, `-c`) they find, until nothing new is asked for.
 */
async function pinsOf(
  tree: ProjectTree,
  globs: string[] | undefined,
  effects: Pick<DependencyEffects, 'log'>
): Promise<PinSet> {
  const texts = new Map<string, string | undefined>()
  // Each round reads the files again for the includes they name; each file is parsed once.
  const readings = new Map<string, FileReading>()
  const files = dependencyFiles(tree.paths, globs)
  let wanted = files
  for (let round = 0; round < MAX_INCLUDE_ROUNDS && wanted.length; round++) {
    await Promise.all(wanted.map(async path => texts.set(path, await tree.read(path))))
    const asked: string[] = []
    readPins(
      files,
      path => {
        if (!texts.has(path)) asked.push(path)
        return texts.get(path)
      },
      readings
    )
    wanted = [...new Set(asked)]
  }
  const pins = readPins(files, path => texts.get(path), readings)
  for (const problem of pins.problems) effects.log(`dependencies (${tree.name}): ${problem}`)
  return pins
}

const NO_FILES = `no dependency files: none is named ${DETECTED_NAMES} outside installed environments and vendored folders; name yours with the dependency-files input (--dependency-files on the command line)`

/**
 * The indexes the head's files send their installer to besides `index-url` (pip's `--index-url`,
 * `--extra-index-url`, `--find-links`, a uv.lock's registry), once each: the installer asks them; this
 * review, judging every release on `index-url`, never does.
 */
function otherIndexes(pins: PinSet, indexUrl: string | undefined): string[] {
  const ours = indexUrl === undefined ? undefined : comparable(indexUrl)
  const first = new Map<string, string>()
  for (const { where, url } of pins.indexes)
    if (comparable(url) !== ours && !first.has(comparable(url)))
      first.set(comparable(url), `${where}: ${withoutCredentials(url)}`)
  const judgedOn = indexUrl === undefined ? 'index-url' : withoutCredentials(indexUrl)
  return [...first.values()].map(
    named =>
      `dependencies: ${named} is an index the installer uses; this review never asks it, and judges every release on ${judgedOn}`
  )
}

const comparable = (url: string) => withoutCredentials(url.trim()).replace(/\/+$/, '').toLowerCase()

/** Includes nest; past this depth the reader reports what it could not open. */
const MAX_INCLUDE_ROUNDS = 16

async function judgeChange(
  change: PinChange,
  config: JudgeConfig,
  effects: DependencyEffects
): Promise<{ entry: DependencyChange; reports: Report[] }> {
  const { previous, current } = change
  const entry: DependencyChange = {
    name: (current ?? previous)?.name ?? change.name,
    change: change.kind,
    previous: previous ? pinned(previous) : null,
    current: current ? pinned(current) : null,
    risk: 'none',
    findings: []
  }
  if (!current) return { entry, reports: [] }
  let reports: Report[] = []
  try {
    const files = await effects.listFiles(current.name)
    if (!files) throw new Error(`${current.name} is not on the index`)
    const served = filesOfVersion(files, current.name, current.version)
    entry.findings = pinFindings(
      lockHashMismatch,
      lockHashFindings(current, current.hashes, served),
      config
    )
    reports = await effects.judgeRelease(current.name, previous?.version, current.version, files)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    entry.findings = entry.findings.concat(
      pinFindings(
        dependencyNotJudged,
        [{ message: `${describe(change)} was not compared: ${reason}` }],
        config
      )
    )
  }
  const open = entry.findings.filter(f => !f.accepted).map(f => f.severity)
  entry.risk = highestRisk([...open, ...reports.map(report => report.risk)])
  return { entry, reports }
}

function pinned(pin: Pin): { version: string; files: string[] } {
  return { version: pin.version, files: [pin.file] }
}

/** The files the index serves for one version: its sdists and wheels, yanked ones included. */
function filesOfVersion(files: IndexFile[], name: string, version: string): IndexFile[] {
  const wanted = normalizeVersion(version)
  return files.filter(file => {
    const wheel = wheelName(file.filename)
    const found = wheel
      ? normalizeName(wheel.name) === normalizeName(name) && wheel.version
      : sdistVersion(file.filename, name)
    return typeof found === 'string' && normalizeVersion(found) === wanted
  })
}

function describe(change: PinChange): string {
  const name = (change.current ?? change.previous)?.name ?? change.name
  const from = change.previous?.version
  const to = change.current?.version
  if (from && to) return `${name} ${from} → ${to}`
  return to ? `${name} ${to} (added)` : `${name} ${from ?? ''} (removed)`
}
