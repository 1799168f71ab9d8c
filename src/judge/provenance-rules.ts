import { describePublisher, type Provenance, type Publisher } from '../acquire/provenance.js'
import type { CurrentRule, RuleHit } from './types.js'

const attested = (side: Provenance | undefined): boolean =>
  side !== undefined && !side.unavailable && side.publishers.length > 0

const samePublisher = (a: Publisher, b: Publisher) =>
  a.kind === b.kind &&
  a.repository?.toLowerCase() === b.repository?.toLowerCase() &&
  a.workflow === b.workflow

export const provenanceLost: CurrentRule = {
  id: 'provenance-lost',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    "The previous release's files were attested by a Trusted Publisher (PEP 740) and this release's are not: what an upload with a stolen token looks like.",
  check: ({ provenance }) => {
    const { previous, current } = provenance ?? {}
    if (!previous || !attested(previous) || !current || current.unavailable || attested(current))
      return []
    const was = previous.publishers.map(describePublisher).join('; ')
    return [
      {
        message: `${current.filename} carries no attestation, but the previous release ${previous.filename} was published by ${was}: was it uploaded outside the project's release workflow?`
      }
    ]
  }
}

export const publisherChanged: CurrentRule = {
  id: 'publisher-changed',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    "The Trusted Publisher's repository or workflow differs between the releases; in the Action, a previous release published from another GitHub repository than the workflow's is medium (a fork, or a project that moved).",
  check: ({ provenance }) => {
    const { previous, current, repository } = provenance ?? {}
    if (!previous || !attested(previous)) return []
    const [before] = previous.publishers
    if (current && attested(current)) {
      const [now] = current.publishers
      if (!before || !now || current.publishers.some(p => samePublisher(p, before))) return []
      return [
        {
          message: `published by ${describePublisher(now)}; the previous release by ${describePublisher(before)}`
        }
      ]
    }
    if (current || !repository || !before?.repository) return []
    if (before.repository.toLowerCase() === repository.toLowerCase()) return []
    return [
      {
        severity: 'medium',
        message: `the previous release ${previous.filename} was published by ${describePublisher(before)}, not from ${repository} where this workflow runs: a fork, or a project that moved?`
      }
    ] satisfies RuleHit[]
  }
}

export const attestationMismatch: CurrentRule = {
  id: 'attestation-mismatch',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    'An attestation the index serves for a file is a statement about another file or another SHA-256 than the file it serves.',
  check: ({ provenance }) =>
    [provenance?.previous, provenance?.current].flatMap(side =>
      (side?.mismatches ?? []).map(message => ({ message }))
    )
}
