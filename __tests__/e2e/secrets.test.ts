// A token added to a file the release changes: one high finding, and the value in no output at all.
import { afterEach, describe, expect, it } from '@jest/globals'
import { appendFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { TOKEN, runAction } from '../helpers/runner.js'
import { SEED_RC2, SEED_RC3, editSdist } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'
import { startIndexServer } from '../helpers/index-server.js'

// Shaped like a real GitHub token (with a valid checksum), made up for the test.
const LEAKED = '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'
const AWS = 'Zr8uSkO2ldLr2xQ9vB7nHw3Tk5Yp1Ce4Fg6Jh0Mq'

let github: GitHubServer | undefined
afterEach(async () => {
  await github?.close()
  github = undefined
})

describe('secrets are found and never published', () => {
  const leaky = () =>
    editSdist(SEED_RC3, root =>
      appendFileSync(
        join(root, 'setup.py'),
        `\nGITHUB_TOKEN = '${LEAKED}'\nAWS_SECRET_ACCESS_KEY = '${AWS}'\n`
      )
    )

  it('the CLI reports secret-added and shows the values in no format', async () => {
    const current = leaky()
    const outputs = await Promise.all(
      ['text', 'markdown', 'json'].map(format =>
        runCli([SEED_RC2, current, '--fail-on', 'none', '--format', format])
      )
    )
    const json = JSON.parse(outputs[2]?.stdout ?? '{}')
    const secrets = json.findings.filter((f: { rule: string }) => f.rule === 'secret-added')
    expect(secrets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'high',
          path: 'setup.py',
          message: expect.stringMatching(/^setup\.py line \d+: GitHub/)
        }),
        expect.objectContaining({
          severity: 'high',
          path: 'setup.py',
          message: expect.stringMatching(/^setup\.py line \d+: AWS Secret Access Key/)
        })
      ])
    )
    expect(secrets).toHaveLength(2)
    expect(json.diffs.find((d: { path: string }) => d.path === 'setup.py').patch).toContain(
      "+GITHUB_TOKEN = '‹redacted›'"
    )
    for (const { stdout, stderr } of outputs) {
      expect(stdout + stderr).not.toContain(LEAKED)
      expect(stdout + stderr).not.toContain(AWS)
    }
  })

  it('the Action keeps them out of the comment, the summary, the JSON report and the log', async () => {
    github = await startGitHubServer(TOKEN)
    const result = await runAction({
      with: { previous: SEED_RC2, current: leaky(), 'fail-on': 'none', comment: 'always' },
      event: { name: 'pull_request', payload: { pull_request: { number: 9 } } },
      apiUrl: github.url
    })
    expect(result.report.packages[0].findings[0]).toEqual(
      expect.objectContaining({ rule: 'secret-added', severity: 'high' })
    )
    const everything = [
      result.stdout,
      result.stderr,
      result.summary,
      readFileSync(result.outputs['report-path'] ?? '', 'utf8'),
      ...github.comments.map(c => c.body)
    ]
    expect(github.comments).toHaveLength(1)
    for (const text of everything) {
      expect(text).not.toContain(LEAKED)
      expect(text).not.toContain(AWS)
    }
    expect(github.comments[0]?.body).toContain('secret-added')
  })

  it('an AWS access key id is reported and redacted with its secret, in every format', async () => {
    // Made up for the test, in the shape gitleaks and GitHub push protection report.
    const keyId = 'AKIA' + 'Q3EGRTSN7XRP2BZL'
    const current = editSdist(SEED_RC3, root =>
      appendFileSync(
        join(root, 'setup.py'),
        `\nAWS = {'id': '${keyId}', 'aws_secret_access_key': '${AWS}'}\n`
      )
    )
    const outputs = await Promise.all(
      ['text', 'markdown', 'json'].map(format =>
        runCli([SEED_RC2, current, '--fail-on', 'none', '--format', format])
      )
    )
    const json = JSON.parse(outputs[2]?.stdout ?? '{}')
    const messages = json.findings
      .filter((f: { rule: string }) => f.rule === 'secret-added')
      .map((f: { message: string }) => f.message)
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringMatching(/^setup\.py line \d+: AWS access key ID/)])
    )
    for (const { stdout, stderr } of outputs) {
      expect(stdout + stderr).toContain('‹redacted›')
      expect(stdout + stderr).not.toContain(keyId)
      expect(stdout + stderr).not.toContain(AWS)
    }
  })

  it('a first release is scanned whole', async () => {
    const index = await startIndexServer([])
    const result = await runCli(['--index-url', index.url, leaky(), '--fail-on', 'none'])
    await index.close()
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('secret-added')
    expect(result.stdout).not.toContain(LEAKED)
  })
})
