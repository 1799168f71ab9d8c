// The fork-safe split: mode: report on the pull request (no API call), then mode: publish from a
// workflow_run workflow with the report as an artifact (here, a file path).
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { closeChecked, startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { TOKEN, runAction } from '../helpers/runner.js'
import { SEED_RC2, SEED_RC3, tempDir } from '../helpers/sdist.js'

const HEAD = 'f00dfeed'.repeat(5)
const OTHER = 'badc0ffee'.padEnd(40, '0')
const fromFork = {
  name: 'pull_request',
  payload: {
    pull_request: { number: 21, head: { sha: HEAD, repo: { full_name: 'mallory/demo' } } }
  }
}
const workflowRun = (headSha = HEAD) => ({
  name: 'workflow_run',
  payload: { workflow_run: { head_sha: headSha, event: 'pull_request', conclusion: 'failure' } }
})

let github: GitHubServer | undefined
afterEach(async () => {
  await closeChecked(github)
  github = undefined
})

/** mode: report on the fork's pull request; returns the report file, as the artifact would carry it. */
async function reportRun(): Promise<string> {
  const result = await runAction({
    with: { previous: SEED_RC2, current: SEED_RC3, mode: 'report', 'fail-on': 'none' },
    event: fromFork,
    apiUrl: github?.url ?? 'http://127.0.0.1:9'
  })
  expect(result.code).toBe(0)
  expect(result.summary).toContain('Python 3\\.11 is no longer supported')
  const artifact = join(tempDir(), 'sdist-diff-report.json')
  writeFileSync(artifact, readFileSync(result.outputs['report-path'] ?? '', 'utf8'))
  return artifact
}

const publish = (report: string, event = workflowRun()) =>
  runAction({
    with: { mode: 'publish', report, comment: 'always' },
    event,
    apiUrl: github?.url ?? ''
  })

describe('mode: report, then mode: publish', () => {
  it('report makes no API call and records the pull request; publish posts exactly one comment', async () => {
    github = await startGitHubServer(TOKEN)
    github.pulls.set(21, { headSha: HEAD })
    const artifact = await reportRun()
    expect(github.requests).toEqual([])
    expect(JSON.parse(readFileSync(artifact, 'utf8')).pullRequest).toEqual({
      number: 21,
      headSha: HEAD
    })
    const posted = await publish(artifact)
    expect(posted.code).toBe(0)
    expect(github.comments).toHaveLength(1)
    expect(github.comments[0]).toEqual(expect.objectContaining({ issue: 21 }))
    expect(github.comments[0]?.body).toMatch(
      /^<!-- sdist-diff:comment key=backend-ai-kernel-helper -->\n### 🔴 sdist-diff: risk \*\*high\*\*/
    )
    expect(posted.outputs['comment-url']).toContain('#issuecomment-')
    await publish(artifact)
    expect(github.comments).toHaveLength(1)
  })

  it('a report edited to name another pull request is not posted', async () => {
    github = await startGitHubServer(TOKEN)
    github.pulls.set(21, { headSha: HEAD })
    github.pulls.set(8, { headSha: OTHER })
    const artifact = await reportRun()
    const report = JSON.parse(readFileSync(artifact, 'utf8'))
    report.pullRequest.number = 8
    writeFileSync(artifact, JSON.stringify(report))
    const result = await publish(artifact)
    expect(result.code).toBe(0)
    expect(github.comments).toEqual([])
    expect(result.stdout).toContain(
      `::warning::sdist-diff: not posting: pull request #8's head is ${OTHER.slice(0, 12)}, not the reported commit ${HEAD.slice(0, 12)}`
    )
    // Or to claim the workflow run's commit for a pull request whose head moved on.
    const stale = await publish(artifact, workflowRun(OTHER))
    expect(stale.stdout).toContain('not posting: the report is of commit')
    expect(github.comments).toEqual([])
  })

  it('HTML, @-mentions and a lower risk written into the report change nothing harmful', async () => {
    github = await startGitHubServer(TOKEN)
    github.pulls.set(21, { headSha: HEAD })
    const artifact = await reportRun()
    const report = JSON.parse(readFileSync(artifact, 'utf8'))
    const evil =
      '<img src=x onerror=alert(1)> @octo-org/admins ping <!-- sdist-diff:comment key=x -->'
    report.risk = 'none'
    report.packages[0].risk = 'none'
    report.packages[0].findings.unshift({
      rule: 'secret-added',
      severity: 'high',
      message: evil,
      path: evil
    })
    report.packages[0].comment = '## injected raw Markdown'
    writeFileSync(artifact, JSON.stringify(report))
    const result = await publish(artifact)
    expect(result.code).toBe(0)
    const body = github.comments[0]?.body ?? ''
    expect(body).toMatch(
      /^<!-- sdist-diff:comment key=backend-ai-kernel-helper -->\n### 🔴 sdist-diff: risk \*\*high\*\*/
    )
    expect(body).not.toContain('<img')
    expect(body).not.toContain('@octo-org/admins')
    expect(body).not.toContain('injected raw Markdown')
    expect(body.match(/<!-- sdist-diff:comment/g)).toHaveLength(1)
  })

  it('refuses a file that is not a report, and runs only from workflow_run', async () => {
    github = await startGitHubServer(TOKEN)
    const bad = join(tempDir(), 'report.json')
    writeFileSync(
      bad,
      JSON.stringify({ schemaVersion: 1, risk: 'high', packages: [{ risk: 'nope' }] })
    )
    const refused = await publish(bad)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(
      /::error::Input "report" \(.*\): not an sdist-diff run report \(\/packages\/0 must have required property/
    )
    const wrongEvent = await runAction({
      with: { mode: 'publish', report: bad },
      event: fromFork,
      apiUrl: github.url
    })
    expect(wrongEvent.stdout).toContain('::error::mode: publish runs in a workflow_run workflow')
    expect(github.comments).toEqual([])
  })
})

describe('acceptances in publish mode come from the publishing workflow', () => {
  it('a report’s own accepted entries are ignored and the risk recomputed; the config’s apply', async () => {
    github = await startGitHubServer(TOKEN)
    github.pulls.set(21, { headSha: HEAD })
    const artifact = await reportRun()
    const report = JSON.parse(readFileSync(artifact, 'utf8'))
    const rules = new Set<string>()
    for (const pkg of report.packages) {
      pkg.risk = 'none'
      for (const finding of pkg.findings) {
        finding.accepted = 'approved by the security team'
        rules.add(finding.rule)
      }
    }
    report.risk = 'none'
    writeFileSync(artifact, JSON.stringify(report))
    const forged = await publish(artifact)
    expect(forged.code).toBe(0)
    expect(forged.outputs.risk).toBe('high')
    const body = github.comments[0]?.body ?? ''
    expect(body).toMatch(/### 🔴 sdist-diff: risk \*\*high\*\*/)
    expect(body).not.toContain('approved by the security team')

    const config = join(tempDir(), 'sdist-diff.yml')
    const accept = [...rules].map(
      rule => `  - rule: ${rule}\n    reason: intended by the maintainers\n`
    )
    writeFileSync(config, `accept:\n${accept.join('')}`)
    const accepted = await runAction({
      with: { mode: 'publish', report: artifact, comment: 'always', config },
      event: workflowRun(),
      apiUrl: github.url
    })
    expect(accepted.code).toBe(0)
    expect(accepted.outputs.risk).toBe('none')
    expect(github.comments[0]?.body).toContain('intended by the maintainers')
  })
})
