// What is shown is safe: a file name cannot forge report lines or carry terminal escapes into any
// output, and a token that is a file's name is redacted from every path, as from every message.
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { buildDistributions, withPython, writeWheelProject } from '../helpers/python-build.js'
import { TOKEN, runAction } from '../helpers/runner.js'
import { buildRawSdist, pkgInfo, tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'

let github: GitHubServer | undefined
afterEach(async () => {
  await github?.close()
  github = undefined
})

const FORGED = 'sdist-diff: risk NONE  demo 1.0 -> 1.1'
const NAMES = [`evil\n${FORGED}\n.py`, 'carriage\rreturn.py', 'esc\x1b[2Jape.py', 'tab\there.py']

/** The previous release, and the current one adding a file of each hostile name (tarfile writes them). */
function hostilePair(): [string, string] {
  const dir = tempDir()
  const side = (version: string, extra: string[]) =>
    buildRawSdist(join(dir, `demo-${version}.tar.gz`), [
      { name: `demo-${version}/PKG-INFO`, content: pkgInfo('demo', version) },
      { name: `demo-${version}/demo/__init__.py`, content: 'x = 1\n' },
      ...extra.map(name => ({ name: `demo-${version}/${name}`, content: 'y = 2\n' }))
    ])
  return [side('1.0', []), side('1.1', NAMES)]
}

/** No control character but the line break, and no line of its own made by a file name. */
function expectSafeLines(output: string): void {
  // eslint-disable-next-line no-control-regex
  expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/)
  const lines = output.split('\n')
  // The forged verdict is only ever shown after the escaped line break (`\u{a}`, Markdown-escaped
  // again in Markdown, or JSON's `\n`).
  const escaped = /(?:u\\?\{a\\?\}|\\n)sdist\\?-diff: risk NONE/
  const forged = lines.filter(line => line.includes('risk NONE') && !escaped.test(line))
  expect(forged).toEqual([])
  expect(lines.filter(line => line === '.py' || line.startsWith('.py'))).toEqual([])
}

describe('control characters in file names', () => {
  it('are escaped in the text and Markdown reports, and JSON stays JSON with the real names', async () => {
    const [previous, current] = hostilePair()
    for (const format of ['text', 'markdown']) {
      const { code, stdout, stderr } = await runCli([previous, current, '--format', format])
      expect(code).toBe(1)
      expect(stderr).toBe('sdist-diff: risk high reaches --fail-on high\n')
      expectSafeLines(stdout)
      expect(stdout).toContain('evil\\u{a}sdist-diff: risk NONE')
      expect(stdout).toContain('esc\\u{1b}')
    }
    const text = (await runCli([previous, current])).stdout
    expect(text.split('\n').filter(line => line.startsWith('sdist-diff:'))).toEqual([
      expect.stringMatching(/^sdist-diff: risk HIGH {2}demo 1\.0 -> 1\.1$/)
    ])
    const json = await runCli([previous, current, '--format', 'json', '--fail-on', 'none'])
    expectSafeLines(json.stdout)
    const report = JSON.parse(json.stdout)
    expect(report.files.added).toEqual([...NAMES].sort())
    expect(report.findings.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(NAMES)
    )
  })

  it('are escaped in the Action’s annotations, job summary, comment and log', async () => {
    const [previous, current] = hostilePair()
    github = await startGitHubServer(TOKEN)
    const result = await runAction({
      with: {
        previous,
        current,
        'fail-on': 'none',
        comment: 'always',
        'expected-file-changes': '+docs/**'
      },
      event: { name: 'pull_request', payload: { pull_request: { number: 5 } } },
      apiUrl: github.url
    })
    expect(github.comments).toHaveLength(1)
    const annotations = result.stdout.split('\n').filter(line => line.startsWith('::warning'))
    expect(annotations).toHaveLength(NAMES.length)
    expect(annotations.join('\n')).toContain('evil\\u{a}sdist-diff: risk NONE')
    for (const text of [result.stdout, result.summary, github.comments[0]?.body ?? ''])
      expectSafeLines(text)
    expect(result.report.packages[0].files.added).toEqual([...NAMES].sort())
  })
})

// Shaped like a real GitHub token (with a valid checksum), made up for the test.
const LEAKED = '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'
const withSetuptools = withPython(
  ['setuptools', 'wheel'],
  'python3-build python3-setuptools python3-wheel',
  'the token-in-a-file-name test'
)

describe('a token in a file name', () => {
  /** demo-whl 1.0, and 1.1 adding a module named by the token: its sdist and wheel list it. */
  function leakyRelease(): { previous: string; sdist: string; wheel: string } {
    const before = tempDir('demo-1.0-')
    writeWheelProject(before, 'setuptools', '1.0')
    const old = buildDistributions(before)
    const after = tempDir('demo-1.1-')
    writeWheelProject(after, 'setuptools', '1.1')
    writeFileSync(join(after, 'src', 'demo_whl', `${LEAKED}.py`), 'x = 1\n')
    const now = buildDistributions(after)
    return { previous: join(old.sdist, '..', '*'), ...now }
  }

  it('is found in the name itself when no listing holds it, and shown in no format', async () => {
    const [previous] = hostilePair()
    const current = buildRawSdist(join(tempDir(), 'demo-1.1.tar.gz'), [
      { name: 'demo-1.1/PKG-INFO', content: pkgInfo('demo', '1.1') },
      { name: 'demo-1.1/demo/__init__.py', content: 'x = 1\n' },
      { name: `demo-1.1/demo/${LEAKED}.py`, content: 'y = 2\n' }
    ])
    const outputs = await Promise.all(
      ['text', 'markdown', 'json'].map(format =>
        runCli([previous, current, '--format', format, '--fail-on', 'none'])
      )
    )
    const report = JSON.parse(outputs[2]?.stdout ?? '{}')
    expect(report.findings).toContainEqual({
      rule: 'secret-added',
      severity: 'high',
      path: 'demo/‹redacted›.py',
      message:
        'demo/‹redacted›.py: GitHub Token(GitHub personal access tokens) in its file name (value redacted); it would be published with the release'
    })
    for (const { stdout, stderr } of outputs) expect(stdout + stderr).not.toContain(LEAKED)
  })

  withSetuptools(
    'is redacted from every path in every format, the sdist’s and the wheel’s',
    async () => {
      const { previous, sdist, wheel } = leakyRelease()
      const args = ['--previous', previous, sdist, wheel, '--fail-on', 'none']
      const outputs = await Promise.all(
        ['text', 'markdown', 'json'].map(format => runCli([...args, '--format', format]))
      )
      const run = JSON.parse(outputs[2]?.stdout ?? '{}')
      const [pkg] = run.packages
      // Found in RECORD (and SOURCES.txt), and the file itself is there, under a redacted name.
      const secrets = [pkg, ...pkg.wheels].flatMap(r =>
        r.findings.filter((f: { rule: string }) => f.rule === 'secret-added')
      )
      expect(secrets.length).toBeGreaterThan(0)
      expect(pkg.wheels[0].files.added).toContain('demo_whl/‹redacted›.py')
      expect(pkg.files.added).toContain('src/demo_whl/‹redacted›.py')
      for (const { code, stdout, stderr } of outputs) {
        expect(code).toBe(0)
        expect(stdout).toContain('‹redacted›.py')
        expect(stdout + stderr).not.toContain(LEAKED)
      }
    },
    120_000
  )

  withSetuptools(
    'is in no output of the Action: comment, summary, JSON report, annotations, log',
    async () => {
      const { previous, sdist, wheel } = leakyRelease()
      github = await startGitHubServer(TOKEN)
      const result = await runAction({
        with: {
          previous,
          current: `${sdist}\n${wheel}`,
          'fail-on': 'none',
          comment: 'always',
          'expected-file-changes': '+docs/**'
        },
        event: { name: 'pull_request', payload: { pull_request: { number: 9 } } },
        apiUrl: github.url
      })
      expect(github.comments).toHaveLength(1)
      expect(result.stdout).toContain('‹redacted›.py was added')
      const everything = [
        result.stdout,
        result.stderr,
        result.summary,
        readFileSync(result.outputs['report-path'] ?? '', 'utf8'),
        result.outputs['unexpected-files'] ?? '',
        ...github.comments.map(c => c.body)
      ]
      for (const text of everything) expect(text).not.toContain(LEAKED)
      expect(result.summary).toContain('‹redacted›.py')
    },
    120_000
  )
})
