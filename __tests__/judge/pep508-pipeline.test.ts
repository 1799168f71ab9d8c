import { describe, expect, it } from '@jest/globals'
import { diffArchives } from '../../src/pipeline/index.js'
import { buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

/** An sdist of demo with these PKG-INFO headers. */
function side(version: string, headers: string[]): string {
  return buildSdist(tempDir(), {
    version,
    files: { 'PKG-INFO': pkgInfo('demo', version, headers.join('\n')) }
  })
}

async function findings(before: string[], after: string[]) {
  const report = await diffArchives(side('1.0', before), side('1.1', after))
  return report.findings.map(f => [f.rule, f.severity, f.message])
}

describe('requirements as pip reads them (PEP 508), through the pipeline', () => {
  it('a direct reference with a marker after " ; " is valid and its addition is reported', async () => {
    const url = 'pip @ https://github.com/pypa/pip/archive/1.3.1.zip ; python_version >= "3.8"'
    const found = await findings(
      ['Requires-Python: >=3.8'],
      ['Requires-Python: >=3.8', `Requires-Dist: ${url}`]
    )
    expect(found.filter(([rule]) => rule === 'metadata-invalid')).toEqual([])
    expect(found.filter(([rule]) => String(rule).startsWith('dependency-'))).toEqual([
      [
        'dependency-added',
        expect.any(String),
        expect.stringContaining('pip @ https://github.com/pypa/pip/archive/1.3.1.zip')
      ]
    ])
  })

  it('what packaging rejects is metadata-invalid: "foo @" and a trailing comment', async () => {
    const found = await findings([], ['Requires-Dist: foo @', 'Requires-Dist: bar>=1 # pinned'])
    const invalid = found.filter(([rule]) => rule === 'metadata-invalid')
    expect(invalid.map(([, , message]) => message).join('\n')).toMatch(
      /foo @[\s\S]*bar>=1 # pinned/
    )
  })

  it('an extra re-spelled Test_Extra → test-extra is no change', async () => {
    const before = ['Provides-Extra: Test_Extra', 'Requires-Dist: pytest; extra == "Test_Extra"']
    const after = ['Provides-Extra: test-extra', 'Requires-Dist: pytest; extra == "test-extra"']
    const found = await findings(before, after)
    expect(found.filter(([rule]) => String(rule).startsWith('dependency-'))).toEqual([])
  })

  it('Requires-Python ">=3.9,<4.0" (poetry\'s default) with a changed dependency is judged', async () => {
    const python = 'Requires-Python: >=3.9,<4.0'
    const found = await findings(
      [python, 'Requires-Dist: requests>=2'],
      [python, 'Requires-Dist: requests>=2.31']
    )
    expect(found.filter(([rule]) => String(rule).startsWith('dependency-'))).toEqual([
      ['dependency-tightened', expect.any(String), expect.stringContaining('requests')]
    ])
  })
})
