// Accepting an intended change: the finding stays, marked with its reason, and does not count.
import { afterEach, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { closeChecked, startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { SEED_COMMENTING, TOKEN, pullRequestEvent, runAction } from '../helpers/runner.js'
import { SEED_RC2, SEED_RC3, tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'

let github: GitHubServer | undefined
afterEach(async () => {
  await closeChecked(github)
  github = undefined
})

function config(text: string): string {
  const path = join(tempDir(), 'sdist-diff.yml')
  writeFileSync(path, text)
  return path
}

const ACCEPT_PYTHON = config(`accept:
  - rule: requires-python-narrowed
    match: Python 3.11
    reason: 24.3 supports only Python 3.12, as announced in the release notes
  - rule: file-removed
    match: "legacy/**"
    reason: the legacy package was retired
`)

describe('accept: intended changes', () => {
  it('the step passes at fail-on high, and the comment lists the accepted finding with its reason', async () => {
    github = await startGitHubServer(TOKEN)
    const result = await runAction({
      // fail-on left at its default, high.
      with: {
        previous: SEED_COMMENTING.previous,
        current: SEED_COMMENTING.current,
        comment: 'always',
        config: ACCEPT_PYTHON
      },
      event: pullRequestEvent(4),
      apiUrl: github.url
    })
    expect(result.code).toBe(0)
    // The dropped 3.11 classifier is part of the accepted narrowing: what is left is info.
    expect(result.outputs.risk).toBe('info')
    const narrowed = result.report.packages[0].findings.find(
      (f: { rule: string }) => f.rule === 'requires-python-narrowed'
    )
    expect(narrowed).toEqual(
      expect.objectContaining({
        severity: 'high',
        accepted: '24.3 supports only Python 3.12, as announced in the release notes'
      })
    )
    const body = github.comments[0]?.body ?? ''
    expect(body).toContain('#### Accepted')
    expect(body).toContain('24\\.3 supports only Python 3\\.12, as announced in the release notes')
    expect(body).toMatch(/risk \*\*info\*\*/)
    // The second acceptance matches nothing in this release: a warning, never a failure.
    expect(result.stdout).toContain(
      '::warning::sdist-diff: the config accepts file-removed matching "legacy/**" ("the legacy package was retired") but no finding matches it'
    )
  })

  it('the CLI counts accepted findings apart and exits 0 at the default fail-on', async () => {
    const result = await runCli([SEED_RC2, SEED_RC3, '--config', ACCEPT_PYTHON])
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      'sdist-diff: risk INFO  backend.ai-kernel-helper 24.3.0rc2 -> 24.3.0rc3',
      expect.stringMatching(/^4 findings \(4 info\), 1 accepted; files:/)
    ])
    expect(result.stdout).toContain('Accepted (not counted in the risk):')
    expect(result.stderr).toContain('warning: the config accepts file-removed matching "legacy/**"')
  })

  it('refuses an acceptance without a reason or for an unknown rule', async () => {
    const noReason = await runCli([
      SEED_RC2,
      SEED_RC3,
      '--config',
      config('accept:\n  - rule: file-added\n')
    ])
    expect(noReason.code).toBe(2)
    expect(noReason.stderr).toContain('accept[0].reason must say why the change is intended')
    const unknown = await runCli([
      SEED_RC2,
      SEED_RC3,
      '--config',
      config('accept:\n  - rule: no-such-rule\n    reason: x\n')
    ])
    expect(unknown.stderr).toContain('accept[0].rule must be a known rule id; got "no-such-rule"')
  })
})
