// A file name from an index, a URL or a stream never becomes a path outside the folder it is written to:
// one test per writer (download, tool cache, spool, report file).
import { afterEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { createWriteStream, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { Readable } from 'node:stream'
import { downloadArchive } from '../../src/acquire/download.js'
import { spoolInputs } from '../../src/cli/spool.js'
import { startIndexServer, type IndexServer } from '../helpers/index-server.js'
import { buildDistributions, withPython, writeWheelProject } from '../helpers/python-build.js'
import { runAction } from '../helpers/runner.js'
import { buildSdist, tempDir } from '../helpers/sdist.js'

const withWheelTool = withPython(['setuptools', 'wheel'], 'python3-build python3-wheel', 'wheels')

/** Every file under `folder`, relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(folder, join(entry.parentPath, entry.name)))
    .sort()
}

const inside = (folder: string, path: string) => !relative(folder, path).startsWith('..')

let server: IndexServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('a file name from the index is reduced to a safe base name at every write', () => {
  withWheelTool(
    'a wheel listed as ../../…/demo-1.0-py3-none-any.whl lands in the tool cache, not beside it',
    async () => {
      const previous = buildDistributions(writeWheelProject(tempDir(), 'setuptools', '1.0'))
      const current = buildDistributions(writeWheelProject(tempDir(), 'setuptools', '1.1'))
      const root = tempDir('victim-')
      const cache = join(root, 'tool-cache')
      const dist = join(root, 'dist')
      mkdirSync(dist)
      writeFileSync(join(dist, 'demo_whl-1.0-py3-none-any.whl'), 'the maintainer’s own wheel')
      // From the tool cache's folder for a file (tool/version/arch) four levels up is `root`.
      const hostile = '../../../../dist/demo_whl-1.0-py3-none-any.whl'
      server = await startIndexServer([
        { project: 'demo-whl', path: previous.sdist },
        {
          project: 'demo-whl',
          path: previous.wheel,
          filename: hostile,
          servedAs: 'demo_whl-1.0-py3-none-any.whl'
        }
      ])
      const result = await runAction({
        with: {
          current: `${current.sdist}\n${current.wheel}`,
          'index-url': server.url,
          'source-check': 'false',
          'fail-on': 'none'
        },
        env: { RUNNER_TOOL_CACHE: cache }
      })
      expect(result.stdout).not.toContain('::error::')
      expect(server.requests).toContain('GET /files/demo-whl/demo_whl-1.0-py3-none-any.whl')
      expect(readFileSync(join(dist, 'demo_whl-1.0-py3-none-any.whl'), 'utf8')).toBe(
        'the maintainer’s own wheel'
      )
      expect(filesUnder(root).filter(file => !file.startsWith('tool-cache/'))).toEqual([
        'dist/demo_whl-1.0-py3-none-any.whl'
      ])
      const wheelSha = createHash('sha256').update(readFileSync(previous.wheel)).digest('hex')
      const cached = filesUnder(join(cache, 'sdist-diff-sdists'))
      expect(cached).toContainEqual(
        expect.stringMatching(
          new RegExp(`^0\\.0\\.0-h${wheelSha}/\\w+/demo_whl-1\\.0-py3-none-any\\.whl$`)
        )
      )
      expect(result.report.packages[0].wheels[0].previous.filename).toBe(
        'demo_whl-1.0-py3-none-any.whl'
      )
    },
    90_000
  )

  it('a download is written under its folder whatever the index calls it', async () => {
    const sdist = buildSdist(tempDir(), { name: 'demo', version: '1.0', files: {} })
    server = await startIndexServer([
      { project: 'demo', path: sdist, filename: 'x', servedAs: 'demo-1.0.tar.gz' }
    ])
    const folder = join(tempDir('downloads-'), 'work')
    mkdirSync(folder)
    const url = server.url.replace('/simple/', '/files/demo/demo-1.0.tar.gz')
    for (const filename of [
      '../../escaped.tar.gz',
      '/etc/cron.d/demo.tar.gz',
      '..',
      '..\\..\\w.tar.gz'
    ]) {
      const path = await downloadArchive({ url, filename }, folder)
      expect(inside(folder, path)).toBe(true)
      expect(dirname(dirname(path))).toBe(folder)
      expect(readFileSync(path)).toEqual(readFileSync(sdist))
    }
    expect(readdirSync(dirname(folder))).toEqual(['work'])
    expect(filesUnder(folder).map(file => file.split('/')[1])).toEqual(
      expect.arrayContaining(['escaped.tar.gz', 'demo.tar.gz', 'download.tar.gz', 'w.tar.gz'])
    )
  })

  it('a spooled input keeps only a safe base name', async () => {
    const folder = tempDir('spool-')
    const named = join(tempDir('fifo-'), '$(reboot) demo.tar.gz')
    execFileSync('mkfifo', [named])
    const writer = new Promise<void>((resolve, reject) => {
      const stream = createWriteStream(named)
      stream.on('error', reject)
      stream.end('bytes', () => resolve())
    })
    const { paths } = await spoolInputs([named], folder, Readable.from([]), 1024 ** 2)
    await writer
    expect(paths).toEqual([join(folder, '0', '__reboot__demo.tar.gz')])
    expect(readFileSync(paths[0] ?? '', 'utf8')).toBe('bytes')
  })

  it('the report file is written under RUNNER_TEMP', async () => {
    const temp = tempDir('runner-temp-')
    const result = await runAction({
      with: {
        previous: buildSdist(tempDir(), { name: 'demo', version: '1.0', files: {} }),
        current: buildSdist(tempDir(), { name: 'demo', version: '1.1', files: {} }),
        'fail-on': 'none'
      },
      env: { RUNNER_TEMP: temp }
    })
    expect(result.code).toBe(0)
    expect(inside(temp, result.outputs['report-path'] ?? '/')).toBe(true)
  })
})
