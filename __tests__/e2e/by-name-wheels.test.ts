// Published releases with wheels, by name: six 1.16.0 and 1.17.0 from ../shared/real-sdists with the
// wheels Debian's setuptools builds from them (a pure one each, and for 1.17.0 a linux_x86_64 one), on a
// loopback index. Releases that publish wheels only are judged by their wheels.
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { startIndexServer, type HostedFile, type IndexServer } from '../helpers/index-server.js'
import { withPython } from '../helpers/python-build.js'
import { sharedCorpus } from '../helpers/shared.js'
import { tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'
import { matchWheels, releasesOf } from '../../src/acquire/index-releases.js'
import type { IndexFile } from '../../src/acquire/simple-index.js'
import { DEFAULT_JUDGE_CONFIG } from '../../src/judge/judge.js'
import { judgePublishedRelease } from '../../src/pipeline/published-release.js'
import { DEFAULT_READ_LIMITS } from '../../src/read/read-archive.js'
import { DEFAULT_RETRY } from '../../src/acquire/http.js'

const REAL = sharedCorpus('real-sdists', 'the by-name wheel tests')
const withSetuptools = withPython(
  ['setuptools', 'wheel'],
  'python3-build python3-setuptools python3-wheel',
  'the by-name wheel tests'
)
const run = REAL ? withSetuptools : it.skip

interface Release {
  sdist: string
  pure: string
  platform?: string
}

/** The release's sdist and the wheels built from it (`--plat-name` tags one for a platform). */
function buildRelease(version: string, platform: boolean): Release {
  const dir = join(REAL ?? '', 'six', version)
  const sdist = join(dir, readdirSync(dir).find(f => f.endsWith('.tar.gz')) ?? '')
  const tree = tempDir('six-tree-')
  const out = tempDir('six-wheels-')
  execFileSync('tar', ['-xzf', sdist, '-C', tree])
  const root = join(tree, `six-${version}`)
  const build = (...options: string[]) =>
    execFileSync(
      '/usr/bin/python3',
      [
        '-m',
        'build',
        '--wheel',
        '--no-isolation',
        '--skip-dependency-check',
        ...options,
        '--outdir',
        out,
        root
      ],
      { stdio: 'ignore' }
    )
  build()
  if (platform) build('-C--build-option=--plat-name=linux_x86_64')
  const wheels = readdirSync(out)
  const pick = (suffix: string) => join(out, wheels.find(f => f.endsWith(suffix)) ?? '')
  return {
    sdist,
    pure: pick('-none-any.whl'),
    ...(platform && { platform: pick('-linux_x86_64.whl') })
  }
}

/** A provenance object as PyPI's Integrity API serves it: one bundle whose statement names the file. */
function attested(path: string) {
  const digest = createHash('sha256').update(readFileSync(path)).digest('hex')
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: basename(path), digest: { sha256: digest } }]
  }
  return {
    version: 1,
    attestation_bundles: [
      {
        publisher: { kind: 'GitHub', repository: 'benjaminp/six', workflow: 'publish.yml' },
        attestations: [
          { envelope: { statement: Buffer.from(JSON.stringify(statement)).toString('base64') } }
        ]
      }
    ]
  }
}

let old: Release
let now: Release
beforeAll(() => {
  if (run !== it) return
  old = buildRelease('1.16.0', false)
  now = buildRelease('1.17.0', true)
})

let server: IndexServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function index(...paths: (string | undefined)[]): Promise<IndexServer> {
  const files: HostedFile[] = paths.flatMap(path => (path ? [{ project: 'six', path }] : []))
  server = await startIndexServer(files, 'json')
  return server
}

async function compare(...args: string[]) {
  const result = await runCli([
    ...args,
    '--index-url',
    server?.url ?? '',
    '--format',
    'json',
    '--fail-on',
    'none'
  ])
  expect(result).toMatchObject({ code: 0 })
  const [report] = JSON.parse(result.stdout).packages
  return { report, stderr: result.stderr }
}

const rules = (report: { findings: { rule: string }[] }) => report.findings.map(f => f.rule)
const downloads = (index: IndexServer) =>
  index.requests
    .filter(r => r.startsWith('GET /files/'))
    .map(r => decodeURIComponent(r.slice('GET /files/six/'.length)))

describe('published releases with wheels', () => {
  run(
    'compares the wheels of the same tags or pure ones; a platform wheel the previous release lacked is not compared',
    async () => {
      const served = await index(old.sdist, old.pure, now.sdist, now.pure, now.platform)
      const { report } = await compare('six==1.16.0', 'six==1.17.0')
      expect([report.previous.filename, report.current.filename]).toEqual([
        'six-1.16.0.tar.gz',
        'six-1.17.0.tar.gz'
      ])
      expect(report.wheels).toHaveLength(1)
      const [wheel] = report.wheels
      expect([wheel.previous.filename, wheel.current.filename]).toEqual([
        basename(old.pure),
        basename(now.pure)
      ])
      expect(wheel.current.sha256).toMatch(/^[0-9a-f]{64}$/)
      // The wheel is checked against its own sdist and says nothing that the sdist's report says.
      expect(rules(wheel)).not.toContain('wheel-metadata-mismatch')
      expect(rules(wheel)).not.toContain('version-changed')
      expect(downloads(served).sort()).toEqual(
        [old.sdist, old.pure, now.sdist, now.pure].map(path => basename(path)).sort()
      )
    }
  )

  run('a release without an sdist is judged by its wheels (sdist-missing, low)', async () => {
    await index(old.sdist, old.pure, now.pure, now.platform)
    const { report } = await compare('six==1.17.0')
    expect([report.previous.filename, report.current.filename]).toEqual([
      basename(old.pure),
      basename(now.pure)
    ])
    expect(report.findings).toContainEqual({
      rule: 'sdist-missing',
      severity: 'low',
      message:
        'six 1.17.0 publishes no sdist (the previous release had six-1.16.0.tar.gz): judged by its wheels; source builds, and platforms no wheel serves, have nothing to install'
    })
    expect(rules(report)).toContain('version-changed')
    expect(report.glance.current.version).toBe('1.17.0')
    expect(report.wheels).toBeUndefined()
  })

  run(
    'a release of wheels only that carries no attestation, after an attested sdist: provenance-lost',
    async () => {
      const files: HostedFile[] = [
        { project: 'six', path: old.sdist, provenance: attested(old.sdist) },
        { project: 'six', path: old.pure },
        { project: 'six', path: now.pure }
      ]
      server = await startIndexServer(files, 'json')
      const { report } = await compare('six==1.17.0')
      expect(report.findings).toContainEqual({
        rule: 'provenance-lost',
        severity: 'high',
        message: `${basename(now.pure)} carries no attestation, but the previous release six-1.16.0.tar.gz was published by GitHub benjaminp/six, publish.yml: was it uploaded outside the project's release workflow?`
      })
      expect([report.glance.previous.publishedBy, report.glance.current.publishedBy]).toEqual([
        'GitHub benjaminp/six, publish.yml',
        'not attested'
      ])
    }
  )

  run(
    'two releases of wheels only: the latest and the one before, wheel with wheel (sdist-missing, info)',
    async () => {
      await index(old.pure, now.pure)
      const { report, stderr } = await compare('six')
      expect(stderr).toContain('six: comparing 1.17.0 with 1.16.0')
      expect([report.previous.version, report.current.version]).toEqual(['1.16.0', '1.17.0'])
      expect(report.current.filename).toBe(basename(now.pure))
      expect(report.findings.find((f: { rule: string }) => f.rule === 'sdist-missing')).toEqual({
        rule: 'sdist-missing',
        severity: 'info',
        message: 'six 1.17.0 publishes no sdist, nor did the previous release: judged by its wheels'
      })
    }
  )

  run(
    'the release before NEW may be one of wheels only: the sdist has nothing to compare with, its wheel does',
    async () => {
      // 1.16.0 publishes a wheel only; the release before 1.17.0 is still 1.16.0 (not skipped for an sdist).
      await index(old.pure, now.sdist, now.pure)
      const { report } = await compare('six==1.17.0')
      expect(report.previous).toBeNull()
      expect(report.current.filename).toBe('six-1.17.0.tar.gz')
      expect(report.findings).toContainEqual(
        expect.objectContaining({
          rule: 'new-package',
          message: expect.stringContaining(
            'the previous release 1.16.0 published no sdist, only wheels'
          )
        })
      )
      const [wheel] = report.wheels
      expect([wheel.previous.filename, wheel.current.filename]).toEqual([
        basename(old.pure),
        basename(now.pure)
      ])
      expect(rules(wheel)).toContain('version-changed')
    }
  )

  run('an unknown version names every release, wheels-only ones too (exit 2)', async () => {
    await index(old.pure, now.sdist)
    const result = await runCli(['six==2.0', '--index-url', server?.url ?? ''])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('six 2.0 is not released on')
    expect(result.stderr).toContain('(releases there: 1.16.0, 1.17.0)')
  })
})

describe('a published release judged alone (a dependency just added)', () => {
  const alone = (url: string) =>
    judgePublishedRelease(
      { name: 'six', current: '1.17.0', indexUrl: url, alone: true },
      DEFAULT_JUDGE_CONFIG,
      { retry: DEFAULT_RETRY, readLimits: DEFAULT_READ_LIMITS, concurrency: 2 },
      {}
    )

  run('downloads only its sdist and pure wheels, and compares them with nothing', async () => {
    const served = await index(old.sdist, old.pure, now.sdist, now.pure, now.platform)
    const [report] = (await alone(served.url)).packages
    expect(report?.previous).toBeNull()
    expect(report?.findings).toContainEqual({
      rule: 'new-package',
      severity: 'info',
      message: 'six 1.17.0: judged alone, as a first release'
    })
    expect(report?.wheels?.map(w => [w.current.filename, w.previous])).toEqual([
      [basename(now.pure), null]
    ])
    expect(downloads(served).sort()).toEqual([basename(now.sdist), basename(now.pure)].sort())
  })

  run('a release of wheels only: judged by its pure wheel (sdist-missing, info)', async () => {
    const served = await index(old.sdist, now.pure, now.platform)
    const [report] = (await alone(served.url)).packages
    expect(report?.current.filename).toBe(basename(now.pure))
    expect(report?.findings.filter(f => f.rule === 'sdist-missing')).toEqual([
      {
        rule: 'sdist-missing',
        severity: 'info',
        message: 'six 1.17.0 publishes no sdist: judged by its wheels'
      }
    ])
  })
})

describe('which wheels are compared', () => {
  const listed = (...filenames: string[]): IndexFile[] =>
    filenames.map(filename => ({
      filename,
      url: `https://files.example/${filename}`,
      yanked: false
    }))
  const files = listed(
    'demo-1.0.tar.gz',
    'demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl',
    'demo-1.0-py3-none-any.whl',
    'demo-1.1-cp313-cp313-manylinux_2_17_x86_64.whl',
    'demo-1.1-cp312-cp312-manylinux_2_17_x86_64.whl',
    'demo-1.1-py2.py3-none-any.whl',
    'demo-1.2-py3-none-any.whl',
    'other-1.1-py3-none-any.whl'
  )

  it('counts releases of wheels only, and ignores yanked files and other projects', () => {
    const yanked = [...files, { ...listed('demo-1.3.tar.gz')[0], yanked: true } as IndexFile]
    const releases = releasesOf(yanked, 'demo')
    expect(releases.map(r => [r.version, r.sdist?.filename, r.wheels.length])).toEqual([
      ['1.0', 'demo-1.0.tar.gz', 2],
      ['1.1', undefined, 3],
      ['1.2', undefined, 1]
    ])
  })

  it('pairs the same tags, and a pure wheel with the pure one; a new platform is left out', () => {
    const [old, now] = releasesOf(files, 'demo')
    const matches = matchWheels(now?.wheels ?? [], old?.wheels ?? [])
    expect(matches.map(m => [m.current.file.filename, m.previous?.file.filename])).toEqual([
      ['demo-1.1-py2.py3-none-any.whl', 'demo-1.0-py3-none-any.whl'],
      [
        'demo-1.1-cp312-cp312-manylinux_2_17_x86_64.whl',
        'demo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl'
      ]
    ])
  })
})
