import { afterEach, describe, expect } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { closeChecked, startGitHubServer, type GitHubServer } from '../helpers/github-server.js'
import { startIndexServer, type IndexServer } from '../helpers/index-server.js'
import { TOKEN, pullRequestEvent, runAction } from '../helpers/runner.js'
import { renderRun } from '../../src/render/run.js'
import { parseRunReport } from '../../src/report/schema.js'
import {
  BUILD_SYSTEM,
  buildDistributions,
  withBackendsFor,
  withPython,
  writeWheelProject,
  type Backend
} from '../helpers/python-build.js'
import { tempDir } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'

const withBackends = withBackendsFor('the wheel tests')
const withWheelTool = withPython(
  ['setuptools', 'wheel'],
  'python3-build python3-wheel',
  'wheel tags'
)

interface Finding {
  rule: string
  severity: string
  message: string
  path?: string
}
interface Report {
  risk: string
  findings: Finding[]
  previous: { filename: string } | null
  current: { filename: string }
  wheels?: Report[]
}

async function json(args: string[]): Promise<{ packages: Report[] } & Report> {
  const result = await runCli([...args, '--format', 'json', '--fail-on', 'none'])
  expect(result.stderr).not.toMatch(/error/i)
  expect(result.code).toBe(0)
  return JSON.parse(result.stdout)
}

const notInfo = (report: Report) =>
  report.findings
    .filter(f => f.severity !== 'info')
    .map(({ rule, severity, path }) => ({ rule, severity, path }))

let server: IndexServer | undefined
let github: GitHubServer | undefined
afterEach(async () => {
  await server?.close()
  await closeChecked(github)
  server = undefined
  github = undefined
})

describe('wheels', () => {
  for (const backend of ['setuptools', 'flit', 'hatchling'] as Backend[]) {
    withBackends(
      `a wheel pair built by ${backend}: py.typed and a data file left out are file-removed, nothing else`,
      async () => {
        const before = buildDistributions(writeWheelProject(tempDir(), backend, '1.0')).wheel
        const project = writeWheelProject(tempDir(), backend, '1.1')
        const pkg =
          backend === 'setuptools' ? join(project, 'src', 'demo_whl') : join(project, 'demo_whl')
        rmSync(join(pkg, 'py.typed'))
        rmSync(join(pkg, 'data'), { recursive: true })
        const after = buildDistributions(project).wheel
        const report = await json([before, after])
        expect(notInfo(report)).toEqual([
          { rule: 'file-removed', severity: 'low', path: 'demo_whl/data/defaults.json' },
          { rule: 'file-removed', severity: 'low', path: 'demo_whl/py.typed' }
        ])
        expect(report.findings.map(f => f.rule)).toContain('version-changed')
      },
      60_000
    )

    withBackends(
      `a clean release built by ${backend}: the wheel agrees with its sdist and repeats none of its findings`,
      async () => {
        const previous = buildDistributions(writeWheelProject(tempDir(), backend, '1.0'))
        const project = writeWheelProject(tempDir(), backend, '1.1')
        const folder =
          backend === 'setuptools' ? join(project, 'src', 'demo_whl') : join(project, 'demo_whl')
        rmSync(join(folder, 'data'), { recursive: true })
        const current = buildDistributions(project)
        const run = await json([
          '--previous',
          join(previous.sdist, '..', '*'),
          '--source-check',
          'false',
          current.sdist,
          current.wheel
        ])
        const [pkg] = run.packages
        expect(pkg?.wheels).toHaveLength(1)
        expect(pkg?.wheels?.[0]?.previous?.filename).toBe(basename(previous.wheel))
        // The data file left out is said once, under the sdist; the version change too.
        expect(notInfo(pkg as Report)).toEqual([
          {
            rule: 'file-removed',
            severity: 'low',
            path: `${backend === 'setuptools' ? 'src/' : ''}demo_whl/data/defaults.json`
          }
        ])
        expect(pkg?.wheels?.[0]?.findings).toEqual([])
        expect(pkg?.risk).toBe('low')
      },
      60_000
    )
  }

  withBackends(
    'a release whose wheel lost py.typed and whose METADATA went stale (the README example)',
    async () => {
      const { previous, dist } = staleRelease()
      const run = await json([
        '--previous',
        join(previous.sdist, '..', '*'),
        '--source-check',
        'false',
        join(dist, '*')
      ])
      const wheel = run.packages[0]?.wheels?.[0] as Report
      expect(notInfo(wheel)).toEqual([
        { rule: 'wheel-metadata-mismatch', severity: 'high', path: undefined },
        { rule: 'wheel-metadata-mismatch', severity: 'high', path: undefined },
        // The py.typed removed since the previous wheel is this finding, not a second one.
        { rule: 'wheel-missing-file', severity: 'medium', path: 'src/demo_whl/py.typed' }
      ])
      const messages = wheel.findings.map(f => f.message).join('\n')
      expect(messages).toContain(
        `the wheel's METADATA says Requires-Python ">=3.8" but the sdist's PKG-INFO says ">=3.9"`
      )
      expect(messages).toContain('Requires-Dist requests>=2 but')
      expect(run.packages[0]?.risk).toBe('high')

      const text = await runCli([
        '--previous',
        join(previous.sdist, '..', '*'),
        '--source-check',
        'false',
        join(dist, '*')
      ])
      expect(text.code).toBe(1)
      expect(text.stdout).toContain(
        'wheel: risk HIGH  demo_whl-1.1-py3-none-any.whl vs demo_whl-1.0-py3-none-any.whl'
      )
      const markdown = await runCli([
        '--previous',
        join(previous.sdist, '..', '*'),
        '--source-check',
        'false',
        '--format',
        'markdown',
        join(dist, '*')
      ])
      expect(markdown.stdout).toContain('#### Wheels (1)')
      expect(markdown.stdout).toMatch(
        /<details><summary>🔴 risk <b>high<\/b> — <code>demo&#95;whl-1\.1-py3-none-any\.whl<\/code> vs .* · 3 findings \(2 high, 1 medium\)<\/summary>/
      )
    },
    90_000
  )

  withBackends(
    "files a project always leaves out of its wheel (pip's vendored notes) are no finding; a new one is",
    async () => {
      /** setuptools with pip's layout: the sdist takes everything, the wheel only its package data. */
      const release = (version: string, extra: Record<string, string>) => {
        const dir = tempDir()
        const folder = join(dir, 'src', 'demo_whl')
        const files: Record<string, string> = {
          '__init__.py': `__version__ = "${version}"\n`,
          'py.typed': '',
          'data/defaults.json': '{}\n',
          '_vendor/lib/__init__.py': '',
          '_vendor/lib/LICENSE': 'MIT\n',
          '_vendor/lib/README.rst': 'lib\n',
          '_vendor/lib/py.typed': '',
          '_vendor/lib/cacert.pem.orig': 'left out on purpose\n',
          ...extra
        }
        for (const [path, text] of Object.entries(files)) {
          mkdirSync(dirname(join(folder, path)), { recursive: true })
          writeFileSync(join(folder, path), text)
        }
        writeFileSync(
          join(dir, 'pyproject.toml'),
          [
            '[build-system]',
            ...BUILD_SYSTEM.setuptools,
            '[project]',
            'name = "demo-whl"',
            `version = "${version}"`,
            '[tool.setuptools]',
            'include-package-data = false',
            '[tool.setuptools.package-data]',
            'demo_whl = ["py.typed", "data/*.json"]',
            ''
          ].join('\n')
        )
        writeFileSync(join(dir, 'MANIFEST.in'), 'graft src\n')
        return buildDistributions(dir)
      }
      const previous = release('1.0', {})
      const current = release('1.1', { 'data/schema.yaml': 'new: file\n' })
      const run = await json([
        '--previous',
        join(previous.sdist, '..', '*'),
        '--source-check',
        'false',
        join(current.sdist, '..', '*')
      ])
      const wheel = run.packages[0]?.wheels?.[0] as Report
      expect(wheel.previous?.filename).toBe(basename(previous.wheel))
      expect(notInfo(wheel)).toEqual([
        { rule: 'wheel-missing-file', severity: 'medium', path: 'src/demo_whl/data/schema.yaml' }
      ])
    },
    90_000
  )

  withWheelTool(
    'previous wheels from the index: same tags, else the pure one; a release that keeps a pure wheel loses no install',
    async () => {
      const previous = buildDistributions(writeWheelProject(tempDir(), 'setuptools', '1.0'))
      server = await startIndexServer([
        { project: 'demo-whl', path: previous.sdist },
        { project: 'demo-whl', path: previous.wheel }
      ])
      const current = buildDistributions(writeWheelProject(tempDir(), 'setuptools', '1.1'))
      const platform = retag(current.wheel, 'cp312', 'cp312', 'manylinux_2_17_x86_64')

      const both = await json([
        '--index-url',
        server.url,
        '--source-check',
        'false',
        current.sdist,
        current.wheel,
        platform
      ])
      const wheels = both.packages[0]?.wheels ?? []
      expect(wheels.map(w => [w.current.filename, w.previous?.filename])).toEqual([
        ['demo_whl-1.1-py3-none-any.whl', 'demo_whl-1.0-py3-none-any.whl'],
        ['demo_whl-1.1-cp312-cp312-manylinux_2_17_x86_64.whl', 'demo_whl-1.0-py3-none-any.whl']
      ])
      expect(wheels.flatMap(w => w.findings).filter(f => f.rule === 'wheel-tag-changed')).toEqual(
        []
      )
      expect(server.requests).toContain('GET /files/demo-whl/demo_whl-1.0-py3-none-any.whl')

      const only = await json([
        '--index-url',
        server.url,
        '--source-check',
        'false',
        current.sdist,
        platform
      ])
      // Judged once for the release, under the sdist; the wheel section does not repeat it.
      expect(only.packages[0]?.wheels?.[0]?.findings.map(f => f.rule)).not.toContain(
        'wheel-tag-changed'
      )
      expect(only.packages[0]?.findings).toContainEqual(
        expect.objectContaining({
          rule: 'wheel-tag-changed',
          severity: 'high',
          message: expect.stringContaining(
            'wheel tags py3-none-any → cp312-cp312-manylinux_2_17_x86_64: the pure wheel became platform-specific'
          )
        })
      )
    },
    90_000
  )

  withBackends(
    'the Action: wheels in current, under their sdist in the comment, through the report file and back',
    async () => {
      github = await startGitHubServer(TOKEN)
      const { previous, dist } = staleRelease()
      const inputs = {
        current: join(dist, '*'),
        previous: join(previous.sdist, '..', '*'),
        'source-check': 'false',
        'fail-on': 'high'
      }
      const run = await runAction({
        with: { ...inputs, comment: 'always' },
        event: pullRequestEvent(7),
        apiUrl: github.url
      })
      expect(run.outputs.risk).toBe('high')
      expect(run.code).toBe(1)
      const [comment] = github.comments
      expect(comment?.body).toContain('#### Wheels (1)')
      expect(comment?.body).toContain('wheel-metadata-mismatch')
      expect(run.summary).toContain('#### Wheels (1)')
      // The fork-safe split carries the report as a file: wheels and their risk survive the schema.
      const report = await runAction({ with: { ...inputs, mode: 'report', 'fail-on': 'none' } })
      const read = parseRunReport(
        readFileSync(report.outputs['report-path'] ?? '', 'utf8'),
        'report.json'
      )
      expect(read.risk).toBe('high')
      expect(read.packages[0]?.wheels?.[0]?.risk).toBe('high')
      expect(renderRun(read, 'markdown')).toBe(renderRun(report.report, 'markdown'))
      // A report that understates a wheel's risk is corrected from its findings.
      const understated = JSON.parse(readFileSync(report.outputs['report-path'] ?? '', 'utf8'))
      understated.risk = 'none'
      understated.packages[0].risk = 'none'
      understated.packages[0].wheels[0].risk = 'none'
      expect(parseRunReport(JSON.stringify(understated), 'report.json').risk).toBe('high')
    },
    90_000
  )

  withWheelTool(
    "a release that no longer builds one platform's wheel loses those installs (high, under the sdist)",
    async () => {
      const previous = buildDistributions(writeWheelProject(tempDir(), 'setuptools', '1.0'))
      server = await startIndexServer([
        { project: 'demo-whl', path: previous.sdist },
        {
          project: 'demo-whl',
          path: retag(previous.wheel, 'cp312', 'cp312', 'manylinux_2_17_x86_64')
        },
        { project: 'demo-whl', path: retag(previous.wheel, 'cp312', 'cp312', 'win_amd64') }
      ])
      const current = buildDistributions(writeWheelProject(tempDir(), 'setuptools', '1.1'))
      const linux = retag(current.wheel, 'cp312', 'cp312', 'manylinux_2_17_x86_64')
      const run = await json([
        '--index-url',
        server.url,
        '--source-check',
        'false',
        current.sdist,
        linux
      ])
      const [pkg] = run.packages
      expect(pkg?.wheels?.[0]?.previous?.filename).toBe(
        'demo_whl-1.0-cp312-cp312-manylinux_2_17_x86_64.whl'
      )
      expect(pkg?.findings.filter(f => f.rule === 'wheel-tag-changed')).toEqual([
        expect.objectContaining({
          severity: 'high',
          message: expect.stringContaining(
            'installs matching only cp312-cp312-win_amd64 no longer get a wheel of the release'
          )
        })
      ])
      expect(pkg?.risk).toBe('high')
    },
    90_000
  )

  withWheelTool(
    'a wheel that adds an executable .pth and import-time exec is judged like an sdist',
    async () => {
      const before = buildDistributions(writeWheelProject(tempDir(), 'setuptools', '1.0')).wheel
      const built = buildDistributions(writeWheelProject(tempDir(), 'setuptools', '1.1')).wheel
      const after = repack(built, unpacked => {
        writeFileSync(join(unpacked, 'demo_whl_startup.pth'), 'import demo_whl._boot\n')
        writeFileSync(
          join(unpacked, 'demo_whl', '_boot.py'),
          'import base64\nexec(base64.b64decode("cHJpbnQoMSk="))\n'
        )
      })
      const report = await json([before, after])
      expect(notInfo(report)).toEqual([
        { rule: 'suspicious-code', severity: 'high', path: 'demo_whl/_boot.py' },
        { rule: 'pth-file-added', severity: 'high', path: 'demo_whl_startup.pth' }
      ])
    },
    60_000
  )

  withBackends('a wheel whose file changed after the build fails on RECORD', async () => {
    const before = buildDistributions(writeWheelProject(tempDir(), 'flit', '1.0')).wheel
    const built = buildDistributions(writeWheelProject(tempDir(), 'flit', '1.1')).wheel
    // Python's zipfile rewrites the wheel with one module changed and RECORD left as built.
    const tampered = join(tempDir('tampered-'), basename(built))
    execFileSync('/usr/bin/python3', [
      '-c',
      `import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED)
for info in src.infolist():
    data = src.read(info)
    if info.filename == 'demo_whl/__init__.py':
        data += b'import os; os.system("id")\\n'
    dst.writestr(info, data)
dst.close()`,
      built,
      tampered
    ])
    const result = await runCli([before, tampered, '--format', 'json'])
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).findings).toContainEqual({
      rule: 'wheel-record-invalid',
      severity: 'high',
      path: 'demo_whl/__init__.py',
      message: 'demo_whl/__init__.py: its SHA-256 differs from RECORD: changed after the build'
    })
  })

  withBackends(
    'setuptools → flit in wheels: top_level.txt gone is info, permission bits are nothing',
    async () => {
      const old = writeWheelProject(tempDir(), 'setuptools', '1.0')
      // setuptools keeps a group-writable mode; flit writes 0644.
      chmodSync(join(old, 'src', 'demo_whl', 'py.typed'), 0o664)
      const before = buildDistributions(old).wheel
      const after = buildDistributions(writeWheelProject(tempDir(), 'flit', '1.1')).wheel
      const report = await json([before, after])
      expect(notInfo(report)).toEqual([])
      expect(report.findings).toContainEqual(
        expect.objectContaining({
          rule: 'file-removed',
          severity: 'info',
          path: 'demo_whl-1.1.dist-info/top_level.txt'
        })
      )
      expect(report.findings.map(f => f.rule)).not.toContain('file-mode-changed')
    },
    60_000
  )

  withWheelTool(
    'two wheels: a pure wheel turned platform-specific is wheel-tag-changed',
    async () => {
      const before = buildDistributions(writeWheelProject(tempDir(), 'setuptools', '1.0')).wheel
      const built = buildDistributions(writeWheelProject(tempDir(), 'setuptools', '1.1')).wheel
      const after = retag(built, 'cp312', 'cp312', 'manylinux_2_17_x86_64')
      const report = await json([before, after])
      expect(report.findings.filter(f => f.rule === 'wheel-tag-changed')).toEqual([
        {
          rule: 'wheel-tag-changed',
          severity: 'high',
          message:
            'wheel tags py3-none-any → cp312-cp312-manylinux_2_17_x86_64: the pure wheel became platform-specific: installs matching only py3-none-any no longer get this wheel (pip falls back to the sdist and builds it, or fails); Root-Is-Purelib true → false (installed into platlib)'
        }
      ])
      // Back again: more installs served, info.
      const back = await json([after, before])
      expect(back.findings.filter(f => f.rule === 'wheel-tag-changed')).toEqual([
        expect.objectContaining({ severity: 'info' })
      ])
    }
  )

  withBackends(
    'a wheel and an sdist given as a pair, or a wheel without its sdist, are refused',
    async () => {
      const built = buildDistributions(writeWheelProject(tempDir(), 'flit', '1.0'))
      const mixed = await runCli([built.sdist, built.wheel])
      expect(mixed.code).toBe(2)
      expect(mixed.stderr).toContain('compare a wheel with a wheel and an sdist with an sdist')
      const orphan = await runCli(['--previous', built.wheel, built.wheel])
      expect(orphan.code).toBe(2)
      expect(orphan.stderr).toContain('has no sdist of demo_whl beside it')
    }
  )
})

/**
 * demo-whl 1.0 (sdist and wheel), and 1.1 whose wheel was built before the metadata changed, from a
 * tree whose package-data no longer lists py.typed (the sdist still ships it through MANIFEST.in).
 */
function staleRelease(): { previous: { sdist: string; wheel: string }; dist: string } {
  const declared = ['requires-python = ">=3.8"', 'dependencies = ["requests>=2"]']
  const previous = buildDistributions(writeWheelProject(tempDir(), 'setuptools', '1.0', declared))
  const project = writeWheelProject(tempDir(), 'setuptools', '1.1', declared)
  // 1.1's wheel is built first …
  writeFileSync(
    join(project, 'pyproject.toml'),
    pyprojectText(project).replace('"py.typed", ', '') +
      '\n[tool.setuptools]\ninclude-package-data = false\n'
  )
  writeFileSync(join(project, 'MANIFEST.in'), 'include src/demo_whl/py.typed\n')
  const staleWheel = buildDistributions(project, '--wheel').wheel
  // … then the metadata changes and only the sdist is rebuilt.
  writeFileSync(
    join(project, 'pyproject.toml'),
    pyprojectText(project)
      .replace('>=3.8', '>=3.9')
      .replace('["requests>=2"]', '["requests>=2", "rich"]')
  )
  const sdist = buildDistributions(project, '--sdist').sdist
  const dist = tempDir('dist-')
  for (const file of [sdist, staleWheel]) copyFileSync(file, join(dist, basename(file)))
  return { previous, dist }
}

function pyprojectText(project: string): string {
  return readFileSync(join(project, 'pyproject.toml'), 'utf8')
}

/**
 * The wheel changed after its build and rebuilt properly: `wheel unpack`, the edit, `wheel pack` (which
 * rewrites RECORD and names the file by the WHEEL file's tags).
 */
function repack(wheel: string, edit: (unpacked: string, distInfo: string) => void): string {
  const out = tempDir('unpacked-')
  execFileSync('/usr/bin/python3', ['-m', 'wheel', 'unpack', '-d', out, wheel], { stdio: 'ignore' })
  const unpacked = join(out, readdirSync(out)[0] ?? '')
  const distInfo = readdirSync(unpacked).find(name => name.endsWith('.dist-info')) ?? ''
  edit(unpacked, join(unpacked, distInfo))
  const packed = tempDir('packed-')
  execFileSync('/usr/bin/python3', ['-m', 'wheel', 'pack', '-d', packed, unpacked], {
    stdio: 'ignore'
  })
  return join(packed, readdirSync(packed)[0] ?? '')
}

/** The same wheel built for one platform: its WHEEL file's tag and Root-Is-Purelib changed. */
function retag(wheel: string, python: string, abi: string, platform: string): string {
  return repack(wheel, (_unpacked, distInfo) => {
    const wheelFile = join(distInfo, 'WHEEL')
    writeFileSync(
      wheelFile,
      readFileSync(wheelFile, 'utf8')
        .replace(/^Tag: .*$/gm, '')
        .replace('Root-Is-Purelib: true', 'Root-Is-Purelib: false')
        .trimEnd() + `\nTag: ${python}-${abi}-${platform}\n`
    )
  })
}
