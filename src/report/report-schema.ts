import type { JSONSchemaType } from 'ajv'
import type { FileChanges, Rename } from '../compare/file-changes.js'
import { MAX_PATCH_CHARS, type FileDiff } from '../compare/file-diff.js'
import type { Glance } from './glance.js'
import { RISKS, SEVERITIES } from '../judge/severity.js'
import type {
  ArchiveSummary,
  DependencyChange,
  Finding,
  PinnedVersion,
  PullRequestRef,
  Report,
  RunReport
} from './types.js'

// The JSON schema of a run report (`--format json` of a release, the Action's `report-path`), used to read
// back a report that crossed a trust boundary (an artifact of a fork's workflow run). It is typed by
// ajv's JSONSchemaType against the report's TypeScript types, so the two cannot drift apart: a field
// added to a type and not here (or the other way round) is a type error. Strings and lists are capped,
// so that a crafted report cannot make the comment step do unbounded work; report mode cuts its report
// to the same caps before writing it (fitToSchema).

/** Marks an optional property: ajv's types spell "may be absent" as `nullable` (nulls are dropped first). */
const optional = <T extends object>(schema: T) => ({ ...schema, nullable: true as const })
const text = (maxLength = 20_000) => ({ type: 'string', maxLength }) as const
const hex = (digits: string) => ({ type: 'string', pattern: `^${digits}$` }) as const
const count = { type: 'integer', minimum: 0 } as const
const risk = { type: 'string', enum: RISKS } as const
const list = <T>(items: JSONSchemaType<T>, maxItems = 100_000): JSONSchemaType<T[]> =>
  ({ type: 'array', items, maxItems }) as JSONSchemaType<T[]>

const summary: JSONSchemaType<ArchiveSummary> = {
  type: 'object',
  required: ['name', 'version', 'filename', 'sha256'],
  properties: {
    name: text(300),
    version: text(300),
    filename: text(1000),
    sha256: hex('[0-9a-f]{64}')
  }
}

const glance: JSONSchemaType<Glance> = {
  type: 'object',
  required: ['version', 'dependencies', 'extras', 'entryPoints', 'files', 'bytes'],
  properties: {
    version: text(300),
    requiresPython: optional(text(1000)),
    dependencies: list(text(300), 10_000),
    extraDependencies: optional(list(text(300), 10_000)),
    publishedBy: optional(text(2000)),
    extras: list(text(300), 10_000),
    license: optional(text(2000)),
    entryPoints: list(text(1000), 10_000),
    files: count,
    bytes: count
  }
}

const finding: JSONSchemaType<Finding> = {
  type: 'object',
  required: ['rule', 'severity', 'message'],
  properties: {
    rule: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,60}$' },
    severity: { type: 'string', enum: SEVERITIES },
    message: text(),
    path: optional(text(4096)),
    accepted: optional(text(2000))
  }
}

const path = text(4096)
const files: JSONSchemaType<FileChanges> = {
  type: 'object',
  required: ['added', 'removed', 'modified', 'renamed', 'modeChanged', 'typeChanged', 'unchanged'],
  properties: {
    added: list(path),
    removed: list(path),
    modified: list(path),
    renamed: list<Rename>({
      type: 'object',
      required: ['from', 'to'],
      properties: {
        from: path,
        to: path,
        similarity: optional({ type: 'integer', minimum: 0, maximum: 100 })
      }
    }),
    modeChanged: list(path),
    typeChanged: list(path),
    unchanged: count
  }
}

const diff: JSONSchemaType<FileDiff> = {
  type: 'object',
  required: ['path', 'kind', 'oldSize', 'newSize', 'oldSha256', 'newSha256'],
  properties: {
    path,
    oldPath: optional(path),
    kind: { type: 'string', enum: ['text', 'binary', 'link', 'too-large'] },
    patch: optional(text(MAX_PATCH_CHARS)),
    note: optional(text(2000)),
    summarised: optional({ type: 'boolean', enum: [true] }),
    oldSize: count,
    newSize: count,
    oldSha256: hex('([0-9a-f]{64})?'),
    newSha256: hex('([0-9a-f]{64})?')
  }
}

/** A package's report, or (with `wheels` refused) one of its wheels' reports. */
const report = (wheels: { $ref: string }): JSONSchemaType<Report> => ({
  type: 'object',
  required: ['schemaVersion', 'previous', 'current', 'risk', 'findings', 'files', 'diffs'],
  properties: {
    schemaVersion: { type: 'integer', const: 1 },
    previous: { anyOf: [summary, { type: 'null', nullable: true }] },
    current: summary,
    risk,
    glance: optional({
      type: 'object',
      required: ['previous', 'current'],
      properties: {
        previous: { anyOf: [glance, { type: 'null', nullable: true }] },
        current: glance
      }
    }),
    findings: list(finding),
    files,
    diffs: list(diff),
    wheels
  }
})

const pullRequest: JSONSchemaType<PullRequestRef> = {
  type: 'object',
  required: ['number', 'headSha'],
  properties: { number: { type: 'integer', minimum: 1 }, headSha: hex('[0-9a-f]{40}') }
}

/** The most dependency changes a report holds: a review of more refuses to start (pipeline/dependencies). */
export const MAX_DEPENDENCY_CHANGES = 5000

const pinned: JSONSchemaType<PinnedVersion> = {
  type: 'object',
  required: ['version', 'files'],
  properties: { version: text(300), files: list(path, 100) }
}

const dependency: JSONSchemaType<DependencyChange> = {
  type: 'object',
  required: ['name', 'change', 'previous', 'current', 'risk', 'findings'],
  properties: {
    name: text(300),
    change: { type: 'string', enum: ['upgraded', 'downgraded', 'added', 'removed'] },
    previous: { anyOf: [pinned, { type: 'null', nullable: true }] },
    current: { anyOf: [pinned, { type: 'null', nullable: true }] },
    risk,
    findings: list(finding, 1000)
  }
}

/** Matches no value; ajv's types have no spelling for it. */
const NOTHING = { not: {} } as unknown as JSONSchemaType<null>

/** `$ref`s to it are untyped, so it is typed here against the property they stand for. */
const wheels: JSONSchemaType<NonNullable<Report['wheels']>> = list(
  report({ $ref: '#/$defs/none' }),
  200
)

export const RUN_REPORT_SCHEMA: JSONSchemaType<RunReport> = {
  type: 'object',
  required: ['schemaVersion', 'risk', 'packages'],
  properties: {
    schemaVersion: { type: 'integer', const: 1 },
    risk,
    packages: list(report({ $ref: '#/$defs/wheels' }), 1000),
    pullRequest: optional(pullRequest),
    dependencies: optional(list(dependency, MAX_DEPENDENCY_CHANGES))
  },
  // A wheel's report has no wheels of its own.
  $defs: { wheels: optional(wheels), none: NOTHING }
}
