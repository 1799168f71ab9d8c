// A folded file finding names wheels, native code and .pth files whatever else is in the folder: six
// bundled wheels removed must not hide in "11 files removed under src/demo/_vendor/: … (7 more)".
import { describe, expect, it } from '@jest/globals'
import { diffArchives } from '../../src/pipeline/index.js'
import { buildSdist, tempDir } from '../helpers/sdist.js'

describe('folded file findings', () => {
  it('name every wheel, shared object and .pth file among the folded files', async () => {
    const vendored = {
      ...Object.fromEntries(
        ['a', 'b', 'c', 'd', 'e'].map(name => [`src/demo/_vendor/${name}.py`, `${name} = 1\n`])
      ),
      ...Object.fromEntries(
        ['pip', 'setuptools', 'wheel', 'six', 'idna', 'certifi'].map(name => [
          `src/demo/_vendor/${name}-1.0-py3-none-any.whl`,
          { content: Buffer.from(`PK ${name}`) }
        ])
      )
    }
    const report = await diffArchives(
      buildSdist(tempDir(), { files: { ...vendored, 'src/demo/__init__.py': '' } }),
      buildSdist(tempDir(), {
        version: '1.1',
        files: {
          'src/demo/__init__.py': '',
          ...Object.fromEntries(
            ['a', 'b', 'c', 'd', 'e', 'f'].map(name => [`src/demo/ext/${name}.py`, `${name}()\n`])
          ),
          'src/demo/ext/_speedups.cpython-312-x86_64-linux-gnu.so': {
            content: Buffer.from([0x7f, 0x45])
          },
          'src/demo/ext/demo-init.pth': 'import demo\n'
        }
      })
    )
    const removed = report.findings.find(f => f.rule === 'file-removed')
    expect(removed?.message).toBe(
      'folder src/demo/_vendor/ was removed (11 files: certifi-1.0-py3-none-any.whl, idna-1.0-py3-none-any.whl, pip-1.0-py3-none-any.whl, setuptools-1.0-py3-none-any.whl, six-1.0-py3-none-any.whl, wheel-1.0-py3-none-any.whl, … (5 more))'
    )
    const added = report.findings.find(f => f.rule === 'file-added' && f.path === 'src/demo/ext/')
    expect(added?.message).toBe(
      '8 files added under src/demo/ext/: _speedups.cpython-312-x86_64-linux-gnu.so, a.py, b.py, demo-init.pth, … (4 more)'
    )
  })
})
