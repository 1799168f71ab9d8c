// Dependency reviews read as an attacker writes a pull request's lockfile: every name, version and path
// in it is hostile. Real git repositories, a loopback index of real releases from ../shared/real-sdists,
// and the Action in the runner emulation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { git, repository } from '../helpers/git-repo.js'
import { closeChecked, startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { startIndexServer, type IndexServer } from '../helpers/index-server.js'
import { TOKEN, runAction } from '../helpers/runner.js'
import { tempDir } from '../helpers/sdist.js'
import { sharedCorpus } from '../helpers/shared.js'
import { runCli } from '../helpers/target.js'

const REAL = sharedCorpus('real-sdists', 'the hostile dependency reviews')
const run = REAL ? it : it.skip

function realSdist(project: string, folder: string): string {
  const dir = join(REAL ?? '', project, folder)
  return join(dir, readdirSync(dir).find(f => f.endsWith('.tar.gz')) ?? '')
}

let index: IndexServer
beforeAll(async () => {
  if (!REAL) return
  index = await startIndexServer(
    [
      { project: 'six', path: realSdist('six', '1.16.0') },
      { project: 'six', path: realSdist('six', '1.17.0') },
      { project: 'humanize', path: realSdist('humanize', '4.16.0') }
    ],
    'json'
  )
})
afterAll(async () => {
  await index?.close()
})

/** A uv.lock as uv writes one, of registry packages `[name, version]` (names and versions as TOML strings). */
const uvLock = (packages: [string, string][], registry = 'https://pypi.org/simple') =>
  [
    'version = 1',
    'requires-python = ">=3.9"',
    '',
    ...packages.flatMap(([name, version]) => [
      '[[package]]',
      `name = ${JSON.stringify(name)}`,
      `version = ${JSON.stringify(version)}`,
      `source = { registry = ${JSON.stringify(registry)} }`,
      ''
    ])
  ].join('\n')

const cli = (dir: string, ...args: string[]) =>
  runCli([
    '--dependencies',
    ...args,
    '--working-directory',
    dir,
    '--index-url',
    index.url,
    '--format',
    'json',
    '--fail-on',
    'none'
  ])

type Entry = {
  name: string
  change: string
  risk: string
  findings: { rule: string; message: string }[]
}
const entries = (stdout: string): Entry[] => JSON.parse(stdout).dependencies

/** The cells of a Markdown table row, split at the pipes that are not escaped. */
/** The Action on pull request 7 with `comment: always`, posting to the test's GitHub server. */
const commentingReview = (dir: string, sha: string, apiUrl: string) =>
  runAction({
    with: {
      compare: 'dependencies',
      'working-directory': dir,
      'index-url': index.url,
      comment: 'always',
      'fail-on': 'none'
    },
    event: {
      name: 'pull_request',
      payload: { pull_request: { number: 7, base: { sha }, head: { sha: 'a'.repeat(40) } } }
    },
    apiUrl
  })

const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1)

describe('hostile names and versions in a lockfile', () => {
  let github: GitHubServer | undefined
  afterEach(async () => {
    await closeChecked(github)
    github = undefined
  })

  run('cannot inject HTML, Markdown, mentions or table cells into the comment', async () => {
    const hostile: [string, string][] = [
      ['</summary><img src=x onerror=alert(1)>', '1.0'],
      ['@octocat | evil `code` **bold**', '2.0 | <b>x</b> @admins'],
      ['x'.repeat(5000), '1.0'],
      ['six', '1.17.0']
    ]
    const { dir, sha } = repository(
      { 'uv.lock': uvLock([['six', '1.16.0']]) },
      { 'uv.lock': uvLock(hostile) }
    )
    github = await startGitHubServer(TOKEN)
    const result = await commentingReview(dir, sha, github.url)
    expect(result.stdout).not.toContain('::error::')
    const body = github.comments[0]?.body ?? ''
    // Inside a code span GitHub shows the text as it is; everywhere else no tag may open.
    const prose = body.replace(/(`+)[^`].*?\1/g, '')
    expect(prose).not.toMatch(/<img|<b>/)
    expect(prose).not.toMatch(/@(?!\u200b)(octocat|admins)/)
    const rows = body.split('\n').filter(line => line.startsWith('| `') || line.startsWith('| ``'))
    expect(rows).toHaveLength(4)
    for (const row of rows) expect(cells(row)).toHaveLength(4)
    const byName = Object.fromEntries(
      result.report.dependencies.map((d: Entry) => [d.name.slice(0, 20), d])
    )
    expect(byName['six'].change).toBe('upgraded')
    // A name that is no PEP 508 name is never looked up, and says so.
    expect(byName['</summary><img src=x'].findings[0].message).toContain('not a valid project name')
  })

  run('a name or version longer than a comment cannot push the other rows out of it', async () => {
    const { dir, sha } = repository(
      { 'uv.lock': uvLock([['six', '1.16.0']]) },
      {
        'uv.lock': uvLock([
          ['a'.repeat(70_000), '1.0'],
          ['b', `1.${'0'.repeat(70_000)}`],
          ['six', '1.17.0']
        ])
      }
    )
    github = await startGitHubServer(TOKEN)
    const result = await commentingReview(dir, sha, github.url)
    const body = github.comments[0]?.body ?? ''
    expect(body.length).toBeLessThanOrEqual(65_536)
    expect(body).toMatch(/\| `six` \| `1\.16\.0` → `1\.17\.0` \|/)
    expect(body).toContain('<details><summary>six 1.16.0 -&gt; 1.17.0')
    expect(result.stdout.split('\n').every(line => line.length < 2000)).toBe(true)
  })

  run('cannot write workflow commands into the log', async () => {
    const { dir, sha } = repository(
      { 'requirements.txt': 'six==1.16.0\n' },
      {
        'requirements.txt': 'six==1.17.0\n##[set-output name=risk;]none ##[add-mask]1.17.0\n',
        'requirements\n::set-output name=risk::none\n##[add-mask]six.txt':
          'not a requirement ##[add-mask]six\n',
        'uv.lock': uvLock([
          ['a\n::set-output name=risk::none', '1.0'],
          ['##[add-mask]six', '1.0'],
          ['b', '1.0\n::add-mask::risk']
        ])
      }
    )
    const result = await runAction({
      with: {
        compare: 'dependencies',
        'working-directory': dir,
        'index-url': index.url,
        'fail-on': 'none'
      },
      event: { name: 'pull_request', payload: { pull_request: { number: 7, base: { sha } } } }
    })
    const lines = result.stdout.split(/\r?\n/)
    // The runner emulation's own token mask is the one command a run may write.
    const commands = lines.filter(line => /^\s*::/.test(line) && !line.includes(TOKEN))
    expect(commands.filter(line => !/^::(notice|warning|error|debug)\b/.test(line))).toEqual([])
    expect(lines.filter(line => line.includes('##['))).toEqual([])
    // The run's error line is a log line too.
    const broken = repository(
      { 'requirements.txt': '' },
      { 'Pipfile.lock': '{"default": ##[add-mask]six' }
    )
    const failed = await cli(broken.dir, broken.sha)
    expect(failed.code).toBe(2)
    expect(failed.stderr).toContain('add-mas')
    expect(failed.stderr).not.toContain('##[')
    // The file with a newline in its name was read, and its problem logged on one line.
    expect(lines.filter(line => line.includes('not a requirement'))).toHaveLength(1)
    expect(result.report.dependencies.map((d: Entry) => d.name)).toEqual(
      expect.arrayContaining(['six', '##[add-mask]six'])
    )
  })
})

describe('an index that fails, hangs or is not the one the lock names', () => {
  let flaky: IndexServer | undefined
  let evil: IndexServer | undefined
  afterEach(async () => {
    await flaky?.close()
    await evil?.close()
    flaky = evil = undefined
  })
  const fast = { ...process.env, SDIST_DIFF_RETRY_DELAY_MS: '10', SDIST_DIFF_HTTP_TIMEOUT: '1' }

  run(
    'a package the index answers 500 for, or never answers, is not judged; the others are',
    async () => {
      flaky = await startIndexServer(
        [
          { project: 'six', path: realSdist('six', '1.16.0') },
          { project: 'six', path: realSdist('six', '1.17.0') },
          { project: 'humanize', path: realSdist('humanize', '4.16.0') },
          { project: 'pyflakes', path: realSdist('pyflakes', '3.2.0') }
        ],
        'json'
      )
      flaky.failNext('/simple/humanize/', 500, 100)
      flaky.handle('/simple/pyflakes/', () => {})
      const { dir, sha } = repository(
        { 'requirements.txt': 'six==1.16.0\n' },
        { 'requirements.txt': 'six==1.17.0\nhumanize==4.16.0\npyflakes==3.2.0\n' }
      )
      const result = await runCli(
        [
          '--dependencies',
          sha,
          '--working-directory',
          dir,
          '--index-url',
          flaky.url,
          '--format',
          'json',
          '--fail-on',
          'none'
        ],
        fast
      )
      const byName = Object.fromEntries(entries(result.stdout).map(d => [d.name, d]))
      expect(byName.six?.findings).toEqual([])
      expect(byName.humanize?.findings).toEqual([
        expect.objectContaining({
          rule: 'dependency-not-judged',
          message: expect.stringContaining('HTTP 500')
        })
      ])
      expect(byName.pyflakes?.findings).toEqual([
        expect.objectContaining({
          rule: 'dependency-not-judged',
          message: expect.stringMatching(/within 1 s/)
        })
      ])
    }
  )

  run('an index that lists a file with a hash the lock and the bytes contradict', async () => {
    const real = createHash('sha256')
      .update(readFileSync(realSdist('six', '1.17.0')))
      .digest('hex')
    flaky = await startIndexServer(
      [
        { project: 'six', path: realSdist('six', '1.16.0') },
        { project: 'six', path: realSdist('six', '1.17.0'), advertisedSha256: 'f'.repeat(64) }
      ],
      'json'
    )
    const { dir, sha } = repository(
      { 'requirements.txt': 'six==1.16.0\n' },
      { 'requirements.txt': `six==1.17.0 --hash=sha256:${real}\n` }
    )
    const result = await runCli(
      [
        '--dependencies',
        sha,
        '--working-directory',
        dir,
        '--index-url',
        flaky.url,
        '--format',
        'json',
        '--fail-on',
        'none'
      ],
      fast
    )
    const [six] = entries(result.stdout)
    expect(six?.findings.map(f => f.rule)).toEqual(['lock-hash-mismatch', 'dependency-not-judged'])
    expect(six?.findings[1]?.message).toMatch(/sha256/)
    expect(six?.risk).toBe('high')
  })

  run("a private index's credentials never reach the report", async () => {
    const secret = 's3cr3t-token-value'
    flaky = await startIndexServer(
      [
        { project: 'six', path: realSdist('six', '1.16.0') },
        { project: 'six', path: realSdist('six', '1.17.0') },
        { project: 'humanize', path: realSdist('humanize', '4.16.0') }
      ],
      'json',
      `Basic ${Buffer.from(`user:${secret}`).toString('base64')}`
    )
    flaky.failNext('/simple/humanize/', 500, 100)
    const { dir, sha } = repository(
      { 'requirements.txt': 'six==1.16.0\n' },
      { 'requirements.txt': 'six==1.99.0\nhumanize==4.16.0\n' }
    )
    const url = flaky.url.replace('http://', `http://user:${secret}@`)
    const result = await runCli(
      [
        '--dependencies',
        sha,
        '--working-directory',
        dir,
        '--index-url',
        url,
        '--format',
        'json',
        '--fail-on',
        'none'
      ],
      fast
    )
    expect(entries(result.stdout).map(d => d.findings.map(f => f.rule))).toEqual([
      ['dependency-not-judged'],
      ['dependency-not-judged']
    ])
    expect(result.stdout + result.stderr).not.toContain(secret)
  })

  run("a uv.lock's registry is never asked: only the configured index is", async () => {
    evil = await startIndexServer([{ project: 'six', path: realSdist('six', '1.16.0') }], 'json')
    const { dir, sha } = repository(
      { 'uv.lock': uvLock([['six', '1.16.0']], evil.url) },
      { 'uv.lock': uvLock([['six', '1.17.0']], evil.url) }
    )
    const before = index.requests.length
    const result = await cli(dir, sha)
    expect(entries(result.stdout)[0]).toMatchObject({
      name: 'six',
      change: 'upgraded',
      findings: []
    })
    expect(evil.requests).toEqual([])
    expect(index.requests.slice(before)).toContain('GET /simple/six/')
  })
})

describe("a lock's files from another index", () => {
  run('the indexes the files name besides index-url are logged, without credentials', async () => {
    const { dir, sha } = repository(
      { 'requirements.txt': 'six==1.16.0\n' },
      {
        'requirements.txt': '--extra-index-url https://user:pw@evil.example/simple\nsix==1.17.0\n',
        'uv.lock': uvLock([['humanize', '4.16.0']], 'https://evil.example/uv/'),
        'requirements-dev.txt': `-i ${index.url}\n`
      }
    )
    const result = await cli(dir, sha)
    const lines = result.stderr
      .split('\n')
      .filter(line => line.includes('an index the installer uses'))
    expect(lines).toEqual([
      `dependencies: requirements.txt:1: https://evil.example/simple is an index the installer uses; this review never asks it, and judges every release on ${index.url}`,
      `dependencies: uv.lock: https://evil.example/uv/ is an index the installer uses; this review never asks it, and judges every release on ${index.url}`
    ])
    expect(result.stderr).not.toContain('pw@')
  })

  run('a uv.lock whose files the index does not serve at all is lock-hash-mismatch', async () => {
    const lock = (version: string, url: string) =>
      uvLock([['six', version]], 'https://evil.example/simple').replace(
        'source = { registry = "https://evil.example/simple" }',
        `source = { registry = "https://evil.example/simple" }\nsdist = { url = "${url}", hash = "sha256:${'c'.repeat(64)}", size = 34000 }`
      )
    const { dir, sha } = repository(
      { 'uv.lock': uvLock([['six', '1.16.0']]) },
      { 'uv.lock': lock('1.17.0', 'https://evil.example/files/six-1.17.0.post0.tar.gz') }
    )
    const [six] = entries((await cli(dir, sha)).stdout)
    expect(six?.findings).toEqual([
      expect.objectContaining({
        rule: 'lock-hash-mismatch',
        message: expect.stringContaining(
          'uv.lock records 1 file(s) of six==1.17.0 and the index serves none of them (six-1.17.0.post0.tar.gz)'
        )
      })
    ])
  })
})

describe('a lockfile of thousands of changes', () => {
  let github: GitHubServer | undefined
  afterEach(async () => {
    await closeChecked(github)
    github = undefined
  })

  run(
    "5000 changes with comment: always: one comment under GitHub's limit, the cut said",
    async () => {
      const pins = Array.from({ length: 4999 }, (_, i) => `pkg-${i}==1.0`)
      const { dir, sha } = repository(
        { 'requirements.txt': 'six==1.16.0\n' },
        { 'requirements.txt': `six==1.17.0\n${pins.join('\n')}\n` }
      )
      github = await startGitHubServer(TOKEN)
      const result = await commentingReview(dir, sha, github.url)
      expect(result.report.dependencies).toHaveLength(5000)
      expect(github.comments).toHaveLength(1)
      const body = github.comments[0]?.body ?? ''
      expect(body.length).toBeLessThanOrEqual(65_536)
      expect(body).toContain('across 5000 packages')
      expect(body).toMatch(/_Report cut to fit GitHub's size limit \(left out: .*table rows/)
      expect(Buffer.byteLength(result.summary)).toBeLessThanOrEqual(1024 * 1024)
    }
  )

  run('more changes than a report holds: a clear error before any look-up', async () => {
    const pins = Array.from({ length: 5001 }, (_, i) => `pkg-${i}==1.0`)
    const { dir, sha } = repository(
      { 'requirements.txt': 'six==1.16.0\n' },
      { 'requirements.txt': `six==1.17.0\n${pins.slice(1).join('\n')}\n` }
    )
    const before = index.requests.length
    const result = await cli(dir, sha)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      '5001 pinned versions changed between ' +
        sha.slice(0, 12) +
        ' and working tree, more than the 5000 one review judges'
    )
    expect(index.requests.length).toBe(before)
  })
})

describe('where the two sides are read from', () => {
  run('the base may be a branch or an annotated tag', async () => {
    const { dir } = repository(
      { 'requirements.txt': 'six==1.16.0\n' },
      { 'requirements.txt': 'six==1.17.0\n' }
    )
    git(dir, 'tag', '-a', 'v1', '-m', 'v1')
    for (const ref of ['main', 'v1', 'refs/tags/v1']) {
      const result = await cli(dir, ref)
      expect(entries(result.stdout).map(d => `${d.name} ${d.change}`)).toEqual(['six upgraded'])
    }
  })

  run(
    "a new user's mistakes: a misspelt ref, dependency files under names not detected",
    async () => {
      const { dir, sha } = repository(
        { 'deps/prod.txt': 'six==1.16.0\n' },
        { 'deps/prod.txt': 'six==1.17.0\n' }
      )
      const misspelt = await cli(dir, 'orign/main')
      expect(misspelt.code).toBe(2)
      expect(misspelt.stderr).toContain(
        'orign/main is not in this clone (no commit, branch or tag of that name): fetch it (git fetch;'
      )
      const undetected = await cli(dir, sha)
      expect(entries(undetected.stdout)).toEqual([])
      expect(undetected.stderr).toMatch(
        /no dependency files: none is named requirements\*\.txt, .*; name yours with the dependency-files input/
      )
    }
  )

  run(
    'a dependency file that cannot be read is an error, not a file whose pins were all removed',
    async () => {
      const lock = uvLock([['six', '1.16.0']])
      for (const head of [
        Buffer.concat([Buffer.from(uvLock([['six', '1.17.0']])), Buffer.from([0xff, 0xfe, 0x0a])]),
        Buffer.from(`${uvLock([['six', '1.17.0']])}# ${'x'.repeat(64 * 1024 * 1024)}\n`)
      ]) {
        const { dir, sha } = repository({ 'uv.lock': lock }, {})
        writeFileSync(join(dir, 'uv.lock'), head)
        const result = await cli(dir, sha)
        expect(result.code).toBe(2)
        expect(result.stderr).toMatch(
          /uv\.lock in the working tree is (not UTF-8 text|larger than 64 MiB)/
        )
      }
      const { dir } = repository({ 'uv.lock': lock }, {})
      writeFileSync(join(dir, 'uv.lock'), Buffer.from([0xff, 0x0a]))
      git(dir, 'commit', '-q', '-am', 'not UTF-8')
      const sha = git(dir, 'rev-parse', 'HEAD')
      writeFileSync(join(dir, 'uv.lock'), lock)
      const result = await cli(dir, sha)
      expect(result.code).toBe(2)
      expect(result.stderr).toContain(`uv.lock at ${sha.slice(0, 12)} is not UTF-8 text`)
    }
  )

  run(
    'a lockfile broken at the head is an error; broken at the base, its pins count as added',
    async () => {
      const broken = { 'uv.lock': '[[package]\nname = "six"\n', 'Pipfile.lock': '{"default": [' }
      const valid = {
        'uv.lock': uvLock([['six', '1.16.0']]),
        'Pipfile.lock': JSON.stringify({ default: { humanize: { version: '==4.16.0' } } })
      }
      const head = repository(valid, broken)
      const refused = await cli(head.dir, head.sha)
      expect(refused.code).toBe(2)
      expect(refused.stderr).toMatch(
        /Pipfile\.lock, uv\.lock in working tree cannot be read \(Pipfile\.lock: invalid JSON: .*; uv\.lock:1: .*\): fix it/
      )
      const base = repository(broken, valid)
      const read = await cli(base.dir, base.sha)
      expect(entries(read.stdout).map(d => `${d.name} ${d.change}`)).toEqual([
        'humanize added',
        'six added'
      ])
      expect(read.stderr).toMatch(/dependencies \(\w{12}\): uv\.lock:1: /)
    }
  )

  run('a version that is no PEP 440 version is listed, not judged, and says why', async () => {
    const { dir, sha } = repository(
      { 'requirements.txt': 'six==1.16.0\n' },
      { 'requirements.txt': 'six===latest\n' }
    )
    const [six] = entries((await cli(dir, sha)).stdout)
    expect(six).toMatchObject({ name: 'six', change: 'downgraded' })
    expect(six?.findings).toEqual([
      expect.objectContaining({
        rule: 'dependency-not-judged',
        message: expect.stringContaining('six latest is not released on')
      })
    ])
  })

  run('a symlink committed at the base is not followed', async () => {
    const secret = join(tempDir('deps-outside-'), 'requirements.txt')
    writeFileSync(secret, 'leaked-value==1.0\n')
    const { dir } = repository({ 'requirements.txt': 'six==1.16.0\n' }, {})
    symlinkSync(secret, join(dir, 'requirements-dev.txt'))
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '-m', 'a link out')
    const sha = git(dir, 'rev-parse', 'HEAD')
    rmSync(join(dir, 'requirements-dev.txt'))
    const result = await cli(dir, sha)
    expect(entries(result.stdout)).toEqual([])
    expect(result.stderr).not.toContain('leaked-value')
  })

  run('a working-directory below the root: its own files, paths relative to it', async () => {
    const { dir, sha } = repository(
      { 'requirements.txt': 'humanize==4.16.0\n', 'app/requirements.txt': 'six==1.16.0\n' },
      { 'requirements.txt': '', 'app/requirements.txt': 'six==1.17.0\n' }
    )
    const result = await cli(join(dir, 'app'), sha)
    const report = JSON.parse(result.stdout)
    expect(report.dependencies).toEqual([
      expect.objectContaining({
        name: 'six',
        previous: { version: '1.16.0', files: ['requirements.txt'] },
        current: { version: '1.17.0', files: ['requirements.txt'] }
      })
    ])
  })

  run('Windows line endings are read as pip and TOML readers read them', async () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n')
    const { dir, sha } = repository(
      {
        'requirements.txt': crlf('six==1.16.0 \\\n    --hash=sha256:' + 'a'.repeat(64) + '\n'),
        'uv.lock': crlf(uvLock([['humanize', '4.15.0']]))
      },
      {
        'requirements.txt': crlf('six==1.17.0\n# via x\n'),
        'uv.lock': crlf(uvLock([['humanize', '4.16.0']]))
      }
    )
    const result = await cli(dir, sha)
    expect(entries(result.stdout).map(d => `${d.name} ${d.change}`)).toEqual([
      'humanize upgraded',
      'six upgraded'
    ])
    expect(result.stderr).not.toMatch(/not a requirement|invalid TOML/)
  })

  run(
    'include loops and includes into .git/ or out of the tree are problems, not reads',
    async () => {
      const { dir, sha } = repository(
        { 'requirements.txt': 'six==1.16.0\n' },
        {
          'requirements.txt': '-r requirements/a.txt\n-r .git/config\n-c ../../../../etc/passwd\n',
          'requirements/a.txt': '-r ../requirements.txt\nsix==1.17.0\n'
        }
      )
      const result = await cli(dir, sha)
      expect(entries(result.stdout).map(d => `${d.name} ${d.change}`)).toEqual(['six upgraded'])
      expect(result.stderr).toMatch(
        /a cycle \(requirements\.txt → requirements\/a\.txt → requirements\.txt\)/
      )
      expect(result.stderr).toMatch(/requirements\.txt:2: \.git\/config: no such file/)
      expect(result.stderr).toMatch(/etc\/passwd: outside the repository/)
      expect(result.stderr).not.toContain('[core]')
    }
  )

  run('a name pinned at different versions in two files: each version its own pin', async () => {
    const { dir, sha } = repository(
      { 'requirements.txt': 'six==1.16.0\n' },
      { 'requirements.txt': 'six==1.17.0\n', 'requirements-dev.txt': 'Six==1.16.0\n' }
    )
    const result = await cli(dir, sha)
    expect(JSON.parse(result.stdout).dependencies).toEqual([
      expect.objectContaining({
        name: 'six',
        change: 'upgraded',
        current: { version: '1.17.0', files: ['requirements.txt'] }
      })
    ])
  })
})

describe('mode: publish with a crafted report of dependency changes', () => {
  let github: GitHubServer | undefined
  afterEach(async () => {
    await closeChecked(github)
    github = undefined
  })

  const publish = async (report: object) => {
    github = await startGitHubServer(TOKEN)
    const head = 'd'.repeat(40)
    github.pulls.set(31, { headSha: head })
    const path = join(tempDir('crafted-'), 'report.json')
    writeFileSync(path, JSON.stringify({ ...report, pullRequest: { number: 31, headSha: head } }))
    return runAction({
      with: { mode: 'publish', report: path, comment: 'always', 'fail-on': 'high' },
      event: {
        name: 'workflow_run',
        payload: { workflow_run: { head_sha: head, event: 'pull_request' } }
      },
      apiUrl: github.url
    })
  }
  const entry = (name: string, findings: object[]) => ({
    name,
    change: 'upgraded',
    previous: { version: '1.0', files: ['requirements.txt'] },
    current: { version: '2.0', files: ['requirements.txt'] },
    risk: 'none',
    findings
  })

  run(
    "cannot understate: its acceptances are dropped and each entry's risk recomputed",
    async () => {
      const result = await publish({
        schemaVersion: 1,
        risk: 'none',
        packages: [],
        dependencies: [
          entry('six', [
            {
              rule: 'lock-hash-mismatch',
              severity: 'high',
              message: 'the file was replaced',
              accepted: 'the attacker says so'
            }
          ]),
          entry('<img src=x>', [])
        ]
      })
      expect(result.outputs.risk).toBe('high')
      const body = github?.comments[0]?.body ?? ''
      expect(body).toMatch(/\| `six` \| `1\.0` → `2\.0` \| 🔴 high \| high `lock-hash-mismatch`/)
      expect(body.replace(/(`+)[^`].*?\1/g, '')).not.toContain('<img')
    }
  )

  run('a report with more entries than the schema allows is refused', async () => {
    const result = await publish({
      schemaVersion: 1,
      risk: 'none',
      packages: [],
      dependencies: Array.from({ length: 5001 }, (_, i) => entry(`p${i}`, []))
    })
    expect(result.code).not.toBe(0)
    expect(result.stdout).toMatch(
      /::error::.*not an sdist-diff run report \(\/dependencies must NOT have more than 5000 items\)/
    )
    expect(github?.comments).toEqual([])
  })
})
