import { fetchWithRetry, readText, type RetryPolicy } from './http.js'
import type { IndexFile } from './simple-index.js'
import { withoutCredentials } from './credentials.js'

/** Who published a file, as its attestations' Trusted Publisher names it (PEP 740). */
export interface Publisher {
  kind: string
  repository?: string
  workflow?: string
  environment?: string
}

/** Who published the two sides of a comparison, where the index says. */
export interface ReleaseProvenance {
  previous?: Provenance
  current?: Provenance
  /** The repository the workflow runs in (GITHUB_REPOSITORY), for a previous release published elsewhere. */
  repository?: string
}

/** What the index says of one file's provenance. */
export interface Provenance {
  filename: string
  /** Publishers of attestations whose statements name this file and its SHA-256. */
  publishers: Publisher[]
  /** Statements that name another file or digest: each says which. */
  mismatches: string[]
  /** The index lists a provenance object that could not be read: nothing is concluded. */
  unavailable?: string
}

/**
 * The file's provenance from the index: none listed is "not attested". Sigstore signatures are not
 * verified here (the index verified them at upload); each statement's subject is checked against the
 * file the index serves.
 */
export async function fetchProvenance(
  file: IndexFile,
  retry: RetryPolicy,
  fetcher?: typeof fetch
): Promise<Provenance> {
  const none = { filename: file.filename, publishers: [], mismatches: [] }
  if (!file.provenance) return none
  const shown = withoutCredentials(file.provenance)
  try {
    const response = await fetchWithRetry(
      file.provenance,
      { Accept: 'application/vnd.pypi.integrity.v1+json, application/json' },
      retry,
      fetcher
    )
    if (!response.ok) {
      await response.body?.cancel()
      return { ...none, unavailable: `${shown} answered HTTP ${response.status}` }
    }
    return readProvenance(JSON.parse(await readText(response, file.provenance, retry)), file)
  } catch (error) {
    return { ...none, unavailable: `${shown}: ${(error as Error).message}` }
  }
}

interface Bundle {
  publisher?: Record<string, unknown>
  attestations?: { envelope?: { statement?: unknown } }[]
}

/** A provenance object: `{version: 1, attestation_bundles: [{publisher, attestations}]}`. */
export function readProvenance(object: unknown, file: IndexFile): Provenance {
  const bundles = (object as { attestation_bundles?: unknown }).attestation_bundles
  if (!Array.isArray(bundles)) throw new Error('not a PEP 740 provenance object')
  const publishers: Publisher[] = []
  const mismatches: string[] = []
  for (const bundle of bundles as Bundle[]) {
    const publisher = readPublisher(bundle.publisher)
    let attests = false
    for (const attestation of bundle.attestations ?? []) {
      const problem = subjectProblem(attestation.envelope?.statement, file)
      if (problem) mismatches.push(problem)
      else attests = true
    }
    if (attests && publisher) publishers.push(publisher)
  }
  return { filename: file.filename, publishers, mismatches }
}

function readPublisher(value: Record<string, unknown> | undefined): Publisher | undefined {
  if (!value || typeof value.kind !== 'string') return undefined
  const text = (key: string) =>
    typeof value[key] === 'string' ? (value[key] as string) : undefined
  const [repository, workflow, environment] = [
    text('repository') ?? text('project'),
    text('workflow') ?? text('workflow_filepath'),
    text('environment')
  ]
  return {
    kind: value.kind,
    ...(repository && { repository }),
    ...(workflow && { workflow }),
    ...(environment && { environment })
  }
}

/** Why an in-toto statement does not speak for the file, or undefined when it names it and its digest. */
function subjectProblem(statement: unknown, file: IndexFile): string | undefined {
  let parsed: { subject?: { name?: unknown; digest?: { sha256?: unknown } }[] }
  try {
    parsed = JSON.parse(Buffer.from(String(statement), 'base64').toString('utf8'))
  } catch {
    return `an attestation of ${file.filename} holds no readable in-toto statement`
  }
  const subjects = Array.isArray(parsed.subject) ? parsed.subject : []
  const named = subjects.find(s => s.name === file.filename)
  if (!named) {
    const names = subjects.map(s => String(s.name)).join(', ') || 'nothing'
    return `an attestation served for ${file.filename} is a statement about ${names}`
  }
  const digest = String(named.digest?.sha256 ?? '').toLowerCase()
  if (file.sha256 && digest !== file.sha256)
    return `an attestation of ${file.filename} names SHA-256 ${digest.slice(0, 16)}…, but the index serves ${file.sha256.slice(0, 16)}…`
  return undefined
}

/** "GitHub pallets/click, publish.yaml" */
export function describePublisher(publisher: Publisher): string {
  const where = [publisher.repository, publisher.workflow].filter(Boolean).join(', ')
  return where ? `${publisher.kind} ${where}` : publisher.kind
}
