import { describe, expect, it } from '@jest/globals'
import { diffArchives } from '../../src/pipeline/index.js'
import { buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

async function findings(before: string, after: string, files: Record<string, string> = {}) {
  const previous = buildSdist(tempDir(), { files: { 'PKG-INFO': pkgInfo('demo', '1.0', before) } })
  const current = buildSdist(tempDir(), {
    version: '1.1',
    files: { ...files, 'PKG-INFO': pkgInfo('demo', '1.1', after) }
  })
  return (await diffArchives(previous, current)).findings.map(f => [f.rule, f.severity, f.message])
}
const only = (all: string[][], rule: string) => all.filter(([r]) => r === rule)

describe('newer core metadata', () => {
  it('Dynamic fields added are low, fields no longer dynamic info (PEP 643)', async () => {
    const all = await findings('Dynamic: Summary', 'Dynamic: Requires-Dist')
    expect(only(all, 'dynamic-fields-changed')).toEqual([
      [
        'dynamic-fields-changed',
        'low',
        'now Dynamic (wheels may differ from this sdist): requires-dist'
      ],
      ['dynamic-fields-changed', 'info', 'no longer Dynamic (fixed in the sdist): summary']
    ])
  })

  it('Import-Name and Import-Namespace changes (PEP 794)', async () => {
    const all = await findings(
      'Import-Name: demo\nImport-Name: demo_legacy',
      'Import-Name: demo\nImport-Namespace: demo_plugins'
    )
    expect(only(all, 'import-names-changed')).toEqual([
      [
        'import-names-changed',
        'medium',
        'Import-Name demo_legacy is no longer declared: `import demo_legacy` may no longer work'
      ],
      ['import-names-changed', 'info', 'Import-Namespace demo_plugins is newly declared']
    ])
  })

  it('a License-File that is listed but not in the archive is medium', async () => {
    const all = await findings('', 'License-File: LICENSE\nLicense-File: LICENSES/MIT.txt', {
      LICENSE: 'MIT License\n'
    })
    expect(only(all, 'license-file-missing')).toEqual([
      [
        'license-file-missing',
        'medium',
        'License-File LICENSES/MIT.txt is listed in PKG-INFO but not in the sdist'
      ]
    ])
  })

  it('an unknown future field is info, never an error', async () => {
    const all = await findings('', 'Import-Alias: demo as d')
    expect(only(all, 'metadata-field-unknown')).toEqual([
      [
        'metadata-field-unknown',
        'info',
        'PKG-INFO field "import-alias" is not one the core metadata specification defines (a newer version, or a typo)'
      ]
    ])
    expect(only(all, 'metadata-invalid')).toEqual([])
  })
})
