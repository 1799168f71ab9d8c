// The fork-safe pair of workflows (examples/fork-safe/) on every real release pair in
// ../shared/real-sdists/ and every fixture pair: the report workflow's step in mode: report on a fork's
// pull request, its JSON report carried over as the artifact, then the publish workflow's step from
// workflow_run. Every one must post its comment: publish reads back whatever report mode writes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { normalizeName } from '../../src/packaging/names.js'
import { COMMENT_LIMIT } from '../../src/render/comment.js'
import { closeChecked, startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { REPO } from '../helpers/run-dist.js'
import { sharedCorpus } from '../helpers/shared.js'
import { TOKEN, runAction } from '../helpers/runner.js'
import { SEED_RC2, SEED_RC3, tempDir } from '../helpers/sdist.js'

const found = sharedCorpus('real-sdists', 'the fork-safe split on the real releases')
const present = found !== undefined
const SHARED = found ?? ''

interface Workflow {
  jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>
}

/** The `with:` of the sdist-diff step of an example workflow. */
function stepInputs(file: string): Record<string, string> {
  const workflow = parse(
    readFileSync(join(REPO, 'examples', 'fork-safe', file), 'utf8')
  ) as Workflow
  const steps = Object.values(workflow.jobs).flatMap(job => job.steps)
  const step = steps.find(s => s.uses?.startsWith('sdist-diff/sdist-diff@'))
  if (!step?.with) throw new Error(`${file} has no sdist-diff step`)
  return step.with
}

const REPORT_STEP = stepInputs('sdist-diff-report.yml')
const PUBLISH_STEP = stepInputs('sdist-diff-publish.yml')
const actionDefaults = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}
// The runner emulation defaults `comment` to never for the other tests; these run action.yml's default.
const COMMENT_DEFAULT = actionDefaults.inputs.comment?.default ?? ''

/** The two archives of a project, oldest first (the README's folder layout). */
function realPair(project: string): [string, string] {
  const folders = readdirSync(join(SHARED, project)).sort()
  const archive = (folder: string) => {
    const dir = join(SHARED, project, folder)
    return join(dir, readdirSync(dir).find(f => f.endsWith('.tar.gz')) ?? '')
  }
  return [archive(folders[0] ?? ''), archive(folders[folders.length - 1] ?? '')]
}

const projects = present
  ? readdirSync(SHARED, { withFileTypes: true })
      .filter(entry => entry.isDirectory())
      .map(entry => entry.name)
      .sort()
  : []
const pairs: [string, [string, string]][] = [
  ['the seed fixture', [SEED_RC2, SEED_RC3]],
  [
    'the hostile example',
    [
      join(REPO, 'examples', 'hostile', 'hostile-demo-1.0.tar.gz'),
      join(REPO, 'examples', 'hostile', 'hostile-demo-1.1.tar.gz')
    ]
  ],
  ...projects.map(project => [project, realPair(project)] as [string, [string, string]])
]

let github: GitHubServer
beforeAll(async () => {
  github = await startGitHubServer(TOKEN)
})
afterAll(() => closeChecked(github))

describe('the real-release corpus', () => {
  it('is there (under CI it must be), with its 20 pairs', () => {
    if (!present) return
    expect(projects).toHaveLength(20)
  })
})

describe.each(pairs.map(([name, files], i) => [name, files, i + 100] as const))(
  'report, then publish: %s',
  (_name, [previous, current], number) => {
    it('posts its comment', async () => {
      const head = number.toString(16).padStart(40, 'a')
      github.pulls.set(number, { headSha: head })
      const report = await runAction({
        with: { ...REPORT_STEP, previous, current },
        event: {
          name: 'pull_request',
          payload: {
            pull_request: { number, head: { sha: head, repo: { full_name: 'mallory/demo' } } }
          }
        },
        apiUrl: github.url
      })
      const reportPath = report.outputs['report-path'] ?? ''
      expect({ stdout: report.stdout, reportPath }).toEqual({
        stdout: expect.any(String),
        reportPath: expect.stringMatching(/sdist-diff-report\.json$/)
      })
      // The artifact as the publish workflow's download step lays it out.
      const workspace = tempDir('publish-')
      mkdirSync(join(workspace, 'sdist-diff-report'))
      copyFileSync(reportPath, join(workspace, PUBLISH_STEP.report ?? ''))
      const before = github.requests.length
      expect(report.report.pullRequest).toEqual({ number, headSha: head })

      const posted = await runAction({
        with: { comment: COMMENT_DEFAULT, ...PUBLISH_STEP },
        event: {
          name: 'workflow_run',
          payload: { workflow_run: { head_sha: head, event: 'pull_request' } }
        },
        apiUrl: github.url,
        cwd: workspace
      })
      expect(github.requests.length).toBeGreaterThan(before)
      expect({
        code: posted.code,
        errors: posted.stdout.match(/^::(error|warning)::.*$/gm)
      }).toEqual({
        code: 0,
        errors: null
      })
      expect(posted.outputs.risk).toBe(report.outputs.risk)
      const comments = github.comments.filter(c => c.issue === number)
      expect(comments).toHaveLength(1)
      const body = comments[0]?.body ?? ''
      const names = [
        ...new Set(
          report.report.packages.map((p: { current: { name: string } }) =>
            normalizeName(p.current.name)
          )
        )
      ].sort()
      expect(body.startsWith(`<!-- sdist-diff:comment key=${names.join(',')} -->\n`)).toBe(true)
      expect(body).toContain(`sdist-diff: risk **${report.outputs.risk}**`)
      expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
      expect(posted.outputs['comment-url']).toContain('#issuecomment-')
      // A hang guard, not a bound: the largest pairs take several seconds, and CI may share the machine.
    }, 300_000)
  }
)
