import { basename } from 'node:path'
import { tagsFromFilename } from '../packaging/wheel-tags.js'
import pLimit from 'p-limit'
import { DEFAULT_RETRY, type RetryPolicy } from '../acquire/http.js'
import {
  resolvePackages,
  type ArchivePlan,
  type PackagePlan,
  type ReleaseSources,
  type ResolveEffects
} from '../acquire/resolve.js'
import { planPublished, type PublishedRequest } from '../acquire/published.js'
import { analyse } from '../analysis/index.js'
import { compareArchives, type ReadPackage } from '../compare/comparison.js'
import { DEFAULT_DIFF_LIMITS, type DiffLimits } from '../compare/file-diff.js'
import { DiffBudget } from '../compare/line-diff.js'
import { DEFAULT_JUDGE_CONFIG, judge, type JudgeConfig } from '../judge/judge.js'
import { echoesSdist } from '../judge/sdist-echo.js'
import {
  DEFAULT_READ_LIMITS,
  readArchive,
  readArchivePair,
  type ReadLimits
} from '../read/read-archive.js'
import { normalizeName } from '../packaging/names.js'
import { compareVersions } from '../packaging/version.js'
import { readPackageIdentity } from '../read/identity.js'
import { ArchiveError, type Archive } from '../read/types.js'
import { buildReport } from '../report/build.js'
import { allRedactions, redactReport } from '../report/redact.js'
import { checkSource, SourceContext, type SourceCheck } from './source-check.js'
import { highestRisk } from '../judge/severity.js'
import type { Report, RunReport } from '../report/types.js'
import { makeTempFolder, removeTempFolder } from '../util/temp-folders.js'

/**
 * The pipeline both shells run: resolve the packages (current sources × previous spec) → read → compare
 * → (source check) → analyse → judge → report. Nothing here knows about GitHub; I/O beyond reading archives is in `effects`.
 */
export type Sources =
  | { kind: 'pair'; previous: string; current: string }
  | ({ kind: 'release' } & ReleaseSources)
  | ({ kind: 'published' } & PublishedRequest)

export interface StageOptions {
  readLimits: ReadLimits
  diffLimits: DiffLimits
  judge: JudgeConfig
  /** Compare each current sdist with the git commit it comes from (release form only). */
  source?: SourceCheck
  /** The diff work the run's archives share; runPipeline gives each run one of diffLimits.runWork. */
  diffBudget?: DiffBudget
  /** HTTP retries and timeouts for the index and downloads. */
  retry: RetryPolicy
  /** Packages read and compared at once. */
  concurrency: number
}

export const DEFAULT_STAGE_OPTIONS: StageOptions = {
  readLimits: DEFAULT_READ_LIMITS,
  diffLimits: DEFAULT_DIFF_LIMITS,
  judge: DEFAULT_JUDGE_CONFIG,
  retry: DEFAULT_RETRY,
  concurrency: 4
}

export async function runPipeline(
  sources: Sources,
  stageOptions: StageOptions = DEFAULT_STAGE_OPTIONS,
  effects: ResolveEffects = {}
): Promise<RunReport> {
  const options = {
    ...stageOptions,
    diffBudget: stageOptions.diffBudget ?? new DiffBudget(stageOptions.diffLimits.runWork)
  }
  const workdir = await makeTempFolder('sdist-diff-run-')
  try {
    const plans = await resolve(sources, options, effects, workdir)
    const limit = pLimit(options.concurrency)
    const source = options.source && (await SourceContext.open(options.source, plans.length))
    const packages = await Promise.all(
      plans.map(plan => limit(() => comparePackage(plan, options, source)))
    )
    return { schemaVersion: 1, risk: highestRisk(packages.map(p => p.risk)), packages }
  } finally {
    await removeTempFolder(workdir)
  }
}

function resolve(
  sources: Sources,
  options: StageOptions,
  effects: ResolveEffects,
  workdir: string
): Promise<PackagePlan[]> | PackagePlan[] {
  if (sources.kind === 'pair') return [{ previous: sources.previous, current: sources.current }]
  if (sources.kind === 'published') return planPublished(sources, options, effects, workdir)
  return resolvePackages(sources, options, effects, workdir)
}

/** read → compare → analyse → judge → report for one package. */
export async function comparePackage(
  plan: PackagePlan,
  options: StageOptions,
  source?: SourceContext
): Promise<Report> {
  const readLimits = source ? { ...options.readLimits, gitBlobIds: true } : options.readLimits
  const releaseTags =
    plan.currentWheelTags ??
    (plan.wheels ?? []).flatMap(wheel => tagsFromFilename(basename(wheel.current)))
  const read = {
    ...(await readPlan(plan, readLimits)),
    ...(plan.provenance && { provenance: plan.provenance }),
    ...(plan.previousWheelTags && {
      releaseWheels: { previous: plan.previousWheelTags, current: [...new Set(releaseTags)].sort() }
    }),
    ...(plan.withoutSdist && { withoutSdist: plan.withoutSdist, releaseTags })
  }
  checkNamedIdentities(plan, read)
  const compared = compareArchives(read, options.diffLimits, options.diffBudget)
  const comparison = source ? await checkSource(compared, read, source) : compared
  const analysis = await analyse(comparison)
  const report = buildReport(comparison, judge(comparison, analysis, options.judge))
  if (!plan.wheels?.length) return redactReport(report, analysis.redact)
  const wheels: Report[] = []
  const redactions = [analysis.redact]
  // A release without an sdist has its first wheel in the sdist's place: the others are checked against no sdist.
  const beside = { ...(!plan.withoutSdist && { read: read.current }), report }
  for (const wheel of plan.wheels) {
    const compared = await compareWheel(wheel, beside, releaseTags, options)
    wheels.push(compared.report)
    redactions.push(compared.redact)
  }
  // A secret any of them holds (a token in a file name is in the sdist's and the wheel's file lists) is
  // redacted from all of them.
  return redactReport(withWheels(report, wheels), allRedactions(redactions))
}

/**
 * read → compare → analyse → judge for one wheel, with the sdist of its release beside it (or, for a
 * release without one, the report of its first wheel, which the others need not repeat).
 */
async function compareWheel(
  plan: ArchivePlan,
  sdist: { read?: Archive; report: Report },
  releaseTags: string[],
  options: StageOptions
): Promise<{ report: Report; redact: (text: string) => string }> {
  const read = {
    ...(await readPlan(plan, options.readLimits)),
    ...(sdist.read && { ownSdist: { archive: sdist.read, files: sdist.report.files } }),
    releaseTags
  }
  if (!read.current.wheel)
    throw new ArchiveError(plan.current, 'is named like a wheel but is not a zip archive')
  const comparison = compareArchives(read, options.diffLimits, options.diffBudget)
  const analysis = await analyse(comparison)
  const findings = judge(comparison, analysis, options.judge, {
    reportedElsewhere: echoesSdist(sdist.report)
  })
  return { report: buildReport(comparison, findings), redact: analysis.redact }
}

function withWheels(report: Report, wheels: Report[]): Report {
  return { ...report, risk: highestRisk([report.risk, ...wheels.map(w => w.risk)]), wheels }
}

/**
 * A release paired by PEP 625 file names is checked against what the read found: a file whose name and
 * PKG-INFO disagree could have been paired with the wrong previous release.
 */
function checkNamedIdentities(plan: PackagePlan, read: ReadPackage): void {
  const sides = [
    [plan.named?.current, read.current],
    [plan.named?.previous, read.previous]
  ] as const
  for (const [named, sdist] of sides) {
    if (!named || !sdist) continue
    const { name, version } = readPackageIdentity(sdist)
    if (
      normalizeName(name) === normalizeName(named.name) &&
      compareVersions(version, named.version) === 0
    )
      continue
    throw new ArchiveError(
      named.file,
      `the file name says ${named.name} ${named.version} but PKG-INFO says ${name} ${version}: rebuild the sdist, or rename it to match its metadata (PEP 625)`
    )
  }
}

/** Both sides are read together, so that only the content a diff needs stays in memory. */
export async function readPlan(plan: ArchivePlan, limits: ReadLimits): Promise<ReadPackage> {
  if (plan.previous === undefined)
    return { current: await readArchive(plan.current, limits), newPackage: plan.newPackage }
  const [previous, current] = await readArchivePair(plan.previous, plan.current, limits)
  if (Boolean(previous.wheel) !== Boolean(current.wheel)) {
    const [wheel, sdist] = previous.wheel ? [previous, current] : [current, previous]
    throw new ArchiveError(
      wheel.file,
      `is a wheel and ${sdist.file} an sdist: compare a wheel with a wheel and an sdist with an sdist (a release's wheels are checked against its sdist in the release form)`
    )
  }
  return { previous, current }
}

/** The two-file form: one package, no acquisition. */
export function diffArchives(
  previous: string,
  current: string,
  options: StageOptions = DEFAULT_STAGE_OPTIONS
): Promise<Report> {
  return comparePackage({ previous, current }, options)
}
