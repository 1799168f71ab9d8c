// The sdist names its project; a Name that is not a PEP 508 name never picks the host or the page.
import { afterEach, describe, expect, it } from '@jest/globals'
import { listProjectFiles } from '../../src/acquire/simple-index.js'
import { startIndexServer, type IndexServer } from '../helpers/index-server.js'
import { runAction } from '../helpers/runner.js'
import { buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

let servers: IndexServer[] = []
afterEach(async () => {
  await Promise.all(servers.map(server => server.close()))
  servers = []
})

/** An sdist whose PKG-INFO says `Name: name`, in a folder and file named like nothing in particular. */
const named = (name: string) =>
  buildSdist(tempDir(), {
    root: 'upload',
    files: { 'PKG-INFO': pkgInfo(name, '1.1'), 'demo/__init__.py': 'V = 1\n' }
  })

describe('a project name is checked before any request', () => {
  it('a Name that is an absolute URL, a path or a query requests nothing from either host', async () => {
    const index = await startIndexServer([])
    const elsewhere = await startIndexServer([])
    servers = [index, elsewhere]
    const hostile = [
      `${elsewhere.url}demo`,
      `//${new URL(elsewhere.url).host}/simple/demo`,
      '../../admin',
      'demo/../../../x',
      'demo?page=1',
      'demo#x',
      '%2e%2e',
      'demo pkg'
    ]
    for (const name of hostile) {
      const result = await runAction({
        with: { current: named(name), 'index-url': index.url, 'fail-on': 'none' }
      })
      expect(result.stdout).not.toContain('::error::')
      const [only] = result.report.packages
      expect(only.previous).toBeNull()
      expect(only.findings).toContainEqual(
        expect.objectContaining({
          rule: 'new-package',
          message: expect.stringContaining('is not a valid project name (PEP 508), so it was not')
        })
      )
      expect(only.findings).toContainEqual(
        expect.objectContaining({
          rule: 'metadata-invalid',
          message: expect.stringContaining('not a valid project name (PEP 508 names)')
        })
      )
    }
    expect(index.requests).toEqual([])
    expect(elsewhere.requests).toEqual([])
  })

  it('a valid name is one path segment under the index', async () => {
    const index = await startIndexServer([])
    servers = [index]
    for (const name of ['Demo.Pkg', 'a', 'x_Y-z9'])
      await expect(listProjectFiles(index.url, name)).resolves.toBeUndefined()
    await expect(listProjectFiles(index.url, 'http://evil.example/x')).rejects.toThrow(
      '"http://evil.example/x" is not a valid project name (PEP 508): not looked up on the index'
    )
    expect(index.requests).toEqual([
      'GET /simple/demo-pkg/',
      'GET /simple/a/',
      'GET /simple/x-y-z9/'
    ])
  })
})
