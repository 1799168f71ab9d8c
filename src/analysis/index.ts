import type { Comparison } from '../compare/comparison.js'
import type { Entry, Archive } from '../read/types.js'
import { analyseCode, isPackageCode, type CodeAnalysis } from './code.js'
import { importPackage, importPackages } from './modules.js'
import { redactor } from './redactor.js'
import { changedSecrets } from './changed-secrets.js'
import { findSecrets, type SecretHit } from './secrets.js'

/** What the content of the files a release adds or changes holds. */
export interface Analysis {
  /** Files this release adds or changes: against the previous release, or every file of a first one. */
  changed: string[]
  /** Files this release adds (renamed ones under their new name), or every file of a first release. */
  added: string[]
  /** Secrets the release adds. */
  secrets: SecretHit[]
  /** Code behaviours of the changed files. */
  code: CodeAnalysis
  /** Hides every secret value found, on either side, in any text the report shows. */
  redact: (text: string) => string
}

/**
 * The analysis stage, between compare and judge: the secrets and code behaviours in the files a release
 * adds or changes (every file of a first release).
 */
export async function analyse(comparison: Comparison): Promise<Analysis> {
  const { pair } = comparison
  const current = comparison.current.archive
  const changed = pair
    ? [
        ...pair.files.added,
        ...pair.files.modified,
        ...pair.files.typeChanged,
        ...pair.files.renamed.map(r => r.to)
      ].sort()
    : [...current.entries.keys()].filter(path => current.entries.get(path)?.type !== 'dir').sort()
  const loaded = [
    ...takeScanContent(current, changed),
    ...(pair ? takeScanContent(pair.previous, changedBefore(pair)) : [])
  ]
  try {
    return await analyseLoaded(comparison, changed)
  } finally {
    dropScanned([current, pair?.previous], loaded)
  }
}

async function analyseLoaded(comparison: Comparison, changed: string[]): Promise<Analysis> {
  const { pair } = comparison
  const current = comparison.current.archive
  const added = pair ? [...pair.files.added, ...pair.files.renamed.map(r => r.to)].sort() : changed
  // One side at a time: secretlint's working copies of a batch are several times its size.
  const scanned = await changedSecrets(comparison, changed)
  const now = [
    ...scanned.now,
    // A token can be a file's name, which no listing need hold (line 0: the name itself).
    ...(await findSecrets(added.map(path => ({ path, text: path })))).map(hit => ({
      ...hit,
      line: 0,
      lines: [0]
    }))
  ]
  const before = scanned.before
  const code = await analyseCode(current, changed, pair)
  if (pair && code.capabilitiesAdded.length) {
    // Rare: the release adds a kind of behaviour. Did the same import package have it before?
    const had = previousCapabilities(pair.previous)
    code.capabilitiesAdded = code.capabilitiesAdded.filter(
      f => !had.has(capability(importPackage(f.path), f.behaviour))
    )
  }
  const known = new Set(before.map(hit => `${hit.path}\0${hit.value}`))
  const found = now.filter(hit => !known.has(`${hit.path}\0${hit.value}`))
  return {
    changed,
    added,
    secrets: found,
    code,
    redact: redactor([...now, ...before].map(hit => hit.value))
  }
}

const capability = (importPackage: string, behaviour: string) => `${importPackage}\0${behaviour}`

/**
 * What each import package of the previous release mentioned (see pythonMentions): a developer's
 * `scripts/` or tests never vouch for the package's own code. Mentioning both network and processes
 * is taken as able to download and run code.
 */
function previousCapabilities(previous: Archive): Set<string> {
  const had = new Set<string>()
  const kinds = new Map<string, Set<string>>()
  const packages = importPackages(previous.entries.keys())
  for (const entry of previous.entries.values()) {
    if (!isPackageCode(entry.path, packages)) continue
    const owner = importPackage(entry.path)
    const mentioned = kinds.get(owner) ?? new Set<string>()
    for (const kind of entry.mentions ?? []) mentioned.add(kind)
    kinds.set(owner, mentioned)
  }
  for (const [owner, mentioned] of kinds) {
    for (const kind of mentioned) had.add(capability(owner, kind))
    if (mentioned.has('network') && mentioned.has('process'))
      had.add(capability(owner, 'download-execute'))
  }
  return had
}

/** The previous side's copies of what changed: where earlier secrets and behaviours are looked up. */
function changedBefore(pair: NonNullable<Comparison['pair']>): string[] {
  return [...pair.files.modified, ...pair.files.typeChanged, ...pair.files.renamed.map(r => r.from)]
}

/**
 * The content checks read every changed file, not only those a diff shows: files past the text cap
 * were kept by the read up to the scan cap (`scanContent`), and are read here as text.
 */
function takeScanContent(sdist: Archive, paths: string[]): Entry[] {
  return paths.flatMap(path => {
    const entry = sdist.entries.get(path)
    if (!entry?.scanContent) return []
    entry.content = entry.scanContent
    delete entry.scanContent
    return [entry]
  })
}

/** Memory again holds only what a diff can show. */
function dropScanned(sdists: (Archive | undefined)[], loaded: Entry[]): void {
  for (const entry of loaded) {
    delete entry.content
    delete entry.text
  }
  for (const sdist of sdists)
    for (const entry of sdist?.entries.values() ?? []) delete entry.scanContent
}
