// Published releases by name, before an upgrade: a loopback PEP 691 / PEP 503 index serving real
// releases from ../shared/real-sdists (six 1.16.0 and 1.17.0) and a made-up later pre-release.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { startIndexServer, type IndexServer } from '../helpers/index-server.js'
import { sharedCorpus } from '../helpers/shared.js'
import { buildSdist, tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'
import { releasesByName } from '../../src/cli/by-name.js'

const REAL = sharedCorpus('real-sdists', 'the by-name releases')
const run = REAL ? it : it.skip

function realSdist(project: string, folder: string): string {
  const dir = join(REAL ?? '', project, folder)
  return join(dir, readdirSync(dir).find(f => f.endsWith('.tar.gz')) ?? '')
}

let json: IndexServer
let html: IndexServer
beforeAll(async () => {
  if (!REAL) return
  const six = ['1.16.0', '1.17.0'].map(version => ({
    project: 'six',
    path: realSdist('six', version)
  }))
  const pre = {
    project: 'six',
    path: buildSdist(tempDir(), {
      name: 'six',
      version: '1.18.0rc1',
      files: { 'six.py': 'x = 1\n' }
    })
  }
  json = await startIndexServer([...six, pre], 'json')
  html = await startIndexServer([...six, pre], 'html')
})
afterAll(async () => {
  await json?.close()
  await html?.close()
})

const cli = (server: IndexServer, ...args: string[]) =>
  runCli([...args, '--index-url', server.url, '--format', 'json', '--fail-on', 'none'])

describe('sdist-diff NAME==OLD NAME==NEW', () => {
  run.each(['json', 'html'])('compares two published releases (a %s index)', async mode => {
    const server = mode === 'json' ? json : html
    const result = await cli(server, 'six==1.16.0', 'six==1.17.0')
    expect(result.stderr).toContain('six: comparing 1.17.0 with 1.16.0')
    expect(result.code).toBe(0)
    const [report] = JSON.parse(result.stdout).packages
    expect(report.previous).toMatchObject({ name: 'six', version: '1.16.0' })
    expect(report.current).toMatchObject({ name: 'six', version: '1.17.0' })
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain('version-changed')
    expect(server.requests).toContain('GET /files/six/six-1.16.0.tar.gz')
  })

  run(
    'NAME==NEW takes the release before it; NAME the latest final release and the one before',
    async () => {
      const given = JSON.parse((await cli(json, 'six==1.17.0')).stdout).packages[0]
      expect([given.previous.version, given.current.version]).toEqual(['1.16.0', '1.17.0'])
      const latest = await cli(json, 'six')
      expect(latest.code).toBe(0)
      const [report] = JSON.parse(latest.stdout).packages
      // 1.18.0rc1 is a pre-release: the latest release is 1.17.0.
      expect([report.previous.version, report.current.version]).toEqual(['1.16.0', '1.17.0'])
      const pre = JSON.parse((await cli(json, 'six==1.18.0rc1')).stdout).packages[0]
      expect(pre.previous.version).toBe('1.17.0')
    }
  )

  run('an unknown project or version is a clear error (exit 2)', async () => {
    const project = await cli(json, 'no-such-project')
    expect(project).toMatchObject({ code: 2, stdout: '' })
    expect(project.stderr).toContain(`no-such-project is not on the index ${json.url}`)
    const version = await cli(json, 'six==9.9', 'six==1.17.0')
    expect(version.code).toBe(2)
    expect(version.stderr).toContain('six 9.9 is not released on')
    expect(version.stderr).toContain('releases there: 1.16.0, 1.17.0, 1.18.0rc1')
    const first = await cli(json, 'six==1.16.0')
    expect(first.code).toBe(2)
    expect(first.stderr).toContain('six 1.16.0 has no release before it')
  })
})

describe('reading the arguments', () => {
  const none = () => false
  it('is a release by name only when no argument is a file', () => {
    expect(releasesByName(['Six==1.16.0', 'six==1.17'], none)).toEqual({
      name: 'Six',
      previous: '1.16.0',
      current: '1.17'
    })
    expect(releasesByName(['six'], none)).toEqual({ name: 'six' })
    expect(releasesByName(['six==1.17.0'], none)).toEqual({ name: 'six', current: '1.17.0' })
    // Files, existing or looking like one (a typo'd path stays a missing file).
    expect(releasesByName(['six', 'other'], () => true)).toBeUndefined()
    expect(releasesByName(['old.tar.gz', 'new.tar.gz'], none)).toBeUndefined()
    expect(releasesByName(['dist/x', 'dist/y'], none)).toBeUndefined()
  })

  it('names both readings when an argument is neither', () => {
    expect(() => releasesByName(['six==not a version'], none)).toThrow(
      '"six==not a version" is neither an existing file nor a published release (NAME or NAME==VERSION'
    )
    expect(() => releasesByName(['six==1.0', 'requests==2.0'], none)).toThrow(
      'six and requests are different projects'
    )
    expect(() => releasesByName(['six', 'six==1.0'], none)).toThrow('six==OLD six==NEW')
    expect(() => releasesByName(['old.tar.gz', 'six==1.0'], none)).toThrow(
      '"six==1.0" is not a file'
    )
  })

  it('refuses release options beside names, with usage help', async () => {
    const result = await runCli(['six==1.17.0', '--previous', '1.16.0'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--previous is for a release built or given as files')
    expect(result.stderr).toContain('Run sdist-diff --help for usage.')
  })
})
