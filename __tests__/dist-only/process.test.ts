// What only separate processes show: peak memory of the bundled CLI, and two Action runs racing.
import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, lstatSync } from 'node:fs'
import { join } from 'node:path'
import { startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { CLI } from '../helpers/run-dist.js'
import { runAction, TOKEN } from '../helpers/runner.js'
import { SEED_RC2, SEED_RC3, buildGzipBomb, buildSdist, tempDir } from '../helpers/sdist.js'

let github: GitHubServer | undefined
afterEach(async () => {
  await github?.close()
  github = undefined
})

describe('the bundled dist/ in its own processes', () => {
  it('refuses a gzip bomb with peak memory under 300 MB', () => {
    const bomb = buildGzipBomb(tempDir())
    const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', '%M'] : []
    const [command = process.execPath, ...args] = [...time, process.execPath, CLI, SEED_RC2, bomb]
    const output = execFileSync(
      'bash',
      ['-c', `"$0" "$@" 2>&1; echo "exit=$?"`, command, ...args],
      { encoding: 'utf8' }
    )
    expect(output).toContain(`sdist-diff: ${bomb}: expands to more than 2048 MiB uncompressed`)
    expect(output).toContain('exit=2')
    if (time.length) {
      const peakKb = Number(output.split('\n').find(line => /^\d+$/.test(line)))
      expect(peakKb / 1024).toBeLessThan(300)
    }
  }, 120_000)

  it('two runs racing on one pull request end with one comment', async () => {
    github = await startGitHubServer(TOKEN)
    const inputs = { previous: SEED_RC2, current: SEED_RC3, 'fail-on': 'none', comment: 'always' }
    const pr = { name: 'pull_request', payload: { pull_request: { number: 21 } } }
    await Promise.all([
      runAction({ with: inputs, event: pr, apiUrl: github.url }),
      runAction({ with: inputs, event: pr, apiUrl: github.url })
    ])
    expect(github.comments).toHaveLength(1)
  }, 30_000)
})

describe('the bundled CLI in a shell', () => {
  const bash = (script: string) =>
    execFileSync('bash', ['-c', script, 'bash', process.execPath, CLI, SEED_RC2, SEED_RC3], {
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: tempDir() }
    })

  it('ends quietly when the reader closes the pipe early', () => {
    // A report of about 1 MB, far more than a pipe holds, of which the reader takes 20 bytes.
    const files = (v: string) =>
      Object.fromEntries(
        Array.from({ length: 200 }, (_, i) => [`pkg/m${i}.py`, `x = '${v}'\n`.repeat(60)])
      )
    const before = buildSdist(tempDir(), { files: files('a') })
    const after = buildSdist(tempDir(), { version: '1.1', files: files('b') })
    const out = execFileSync(
      'bash',
      [
        '-c',
        '"$1" "$2" "$3" "$4" --format json --fail-on none 2>"$5" | head -c 20 >/dev/null; echo "status=${PIPESTATUS[0]}"; cat "$5"',
        'bash',
        process.execPath,
        CLI,
        before,
        after,
        join(tempDir(), 'stderr')
      ],
      { encoding: 'utf8' }
    )
    expect(out).toBe('status=0\n')
  })

  it('reads a process substitution', () => {
    const out = bash('"$1" "$2" <(cat "$3") "$4" --format json --fail-on none')
    expect(JSON.parse(out).findings.length).toBeGreaterThan(0)
  })

  it('writes --output /dev/stdout into the pipe, as root too, without replacing the device link', () => {
    const out = bash('"$1" "$2" "$3" "$4" --format json --fail-on none --output /dev/stdout | cat')
    expect(JSON.parse(out).schemaVersion).toBe(1)
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true)
  })
})
