// The part of GitHub's OpenAPI description (@octokit/openapi, 13 MB) the REST stand-in uses, built once
// and cached in the temporary folder, keyed by the description's file: every operation with what its
// requests are checked against, the responses of the operations the stand-in answers, the examples it
// answers with, and the components these refer to. Parsing the whole description took each test file
// that starts the stand-in longer than the rest of its setup.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO } from './run-dist.js'

/* eslint-disable @typescript-eslint/no-explicit-any */

const PACKAGE = join(REPO, 'node_modules/@octokit/openapi')
const DESCRIPTION = join(PACKAGE, 'generated/api.github.com.json')

/** The operations the stand-in answers (its responses are checked against theirs). */
const SERVED = new Set([
  'issues/list-comments',
  'issues/create-comment',
  'issues/get-comment',
  'issues/update-comment',
  'issues/delete-comment',
  'users/get-authenticated',
  'pulls/get',
  'repos/list-pull-requests-associated-with-commit'
])
/** The examples the stand-in builds its answers from. */
const EXAMPLES = [
  'issue-comment',
  'private-user',
  'pull-request',
  'pull-request-simple-items',
  'simple-user'
]
/** Bumped when what is kept changes, so that an older cache is not read. */
const SHAPE = 1

export function githubOpenApi(): any {
  const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'))
  const { size, mtimeMs } = statSync(DESCRIPTION)
  const key = createHash('sha256')
    .update(JSON.stringify([SHAPE, version, size, mtimeMs, [...SERVED], EXAMPLES]))
    .digest('hex')
    .slice(0, 16)
  const folder = join(tmpdir(), 'sdist-diff-test-cache')
  const cache = join(folder, `github-openapi-${key}.json`)
  try {
    return JSON.parse(readFileSync(cache, 'utf8'))
  } catch {
    const subset = usedPart(JSON.parse(readFileSync(DESCRIPTION, 'utf8')))
    mkdirSync(folder, { recursive: true })
    // Written aside and renamed: a worker reading it meanwhile sees the whole file or none.
    const partial = `${cache}.${process.pid}`
    writeFileSync(partial, JSON.stringify(subset))
    renameSync(partial, cache)
    return subset
  }
}

function usedPart(spec: any): any {
  const paths: Record<string, any> = {}
  for (const [template, item] of Object.entries(spec.paths as Record<string, any>)) {
    const kept: Record<string, any> = {}
    for (const [method, operation] of Object.entries(item as Record<string, any>)) {
      if (method === 'parameters') kept.parameters = operation
      else if (operation && typeof operation === 'object' && 'operationId' in operation)
        kept[method] = {
          operationId: operation.operationId,
          parameters: operation.parameters,
          requestBody: operation.requestBody,
          ...(SERVED.has(operation.operationId) ? { responses: operation.responses } : {})
        }
    }
    paths[template] = kept
  }
  const examples = Object.fromEntries(EXAMPLES.map(name => [name, spec.components.examples[name]]))
  const components: Record<string, Record<string, unknown>> = {}
  const pending: unknown[] = [paths, examples]
  while (pending.length > 0) {
    const node = pending.pop()
    if (!node || typeof node !== 'object') continue
    const ref = (node as { $ref?: unknown }).$ref
    if (typeof ref === 'string' && ref.startsWith('#/components/')) {
      const [, , kind = '', name = ''] = ref.split('/')
      if (!components[kind]?.[name]) {
        const target = spec.components[kind][name]
        ;(components[kind] ??= {})[name] = target
        pending.push(target)
      }
    }
    for (const value of Object.values(node)) pending.push(value)
  }
  components.examples = { ...components.examples, ...examples }
  return { paths, components }
}
