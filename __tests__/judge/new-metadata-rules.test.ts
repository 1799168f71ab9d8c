// Issue 27 item 3: changes no rule reported, each built into real sdists and judged.
import { describe, expect, it } from '@jest/globals'
import { diffSdistFiles } from '../../src/pipeline/index.js'
import { buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

interface Side {
  headers?: string
  files?: Record<string, string>
}

async function hits(before: Side, after: Side, rule: string): Promise<string[][]> {
  const build = (side: Side, version: string) =>
    buildSdist(tempDir(), {
      version,
      files: { ...side.files, 'PKG-INFO': pkgInfo('demo', version, side.headers ?? '') }
    })
  const report = await diffSdistFiles(build(before, '1.0'), build(after, '1.1'))
  return report.findings.filter(f => f.rule === rule).map(f => [f.severity, f.message])
}

const pyproject = (requires: string[], backend = 'flit_core.buildapi') => ({
  'pyproject.toml': `[build-system]\nrequires = ${JSON.stringify(requires)}\nbuild-backend = "${backend}"\n`
})

describe('build-requirements-changed', () => {
  const rule = 'build-requirements-changed'

  it('a backend minimum raised is low and says so', async () => {
    expect(
      await hits(
        { files: pyproject(['flit-core >= 3.8']) },
        { files: pyproject(['flit-core >= 3.11']) },
        rule
      )
    ).toEqual([
      ['low', '[build-system] requires changed: flit-core>=3.8 → flit-core>=3.11 (minimum raised)']
    ])
  })

  it('a cap on a compiler dropped is medium', async () => {
    const [hit] = await hits(
      { files: pyproject(['setuptools>=61', 'Cython>=0.29,<3'], 'setuptools.build_meta') },
      { files: pyproject(['setuptools>=61', 'Cython>=0.29'], 'setuptools.build_meta') },
      rule
    )
    expect(hit).toEqual([
      'medium',
      '[build-system] requires changed: cython<3,>=0.29 → cython>=0.29 (cap dropped)'
    ])
  })

  it('a requirement every build now installs is medium', async () => {
    const [hit] = await hits(
      { files: pyproject(['hatchling'], 'hatchling.build') },
      { files: pyproject(['hatchling', 'hatch-vcs'], 'hatchling.build') },
      rule
    )
    expect(hit?.[0]).toBe('medium')
    expect(hit?.[1]).toMatch(/new: hatch-vcs \(every source build installs it\)/)
  })

  it('is info when the backend changed with it, and silent when nothing changed', async () => {
    const [hit] = await hits(
      { files: pyproject(['poetry-core>=1.0.0'], 'poetry.core.masonry.api') },
      { files: pyproject(['hatchling', 'hatch-vcs'], 'hatchling.build') },
      rule
    )
    expect(hit?.[0]).toBe('info')
    expect(hit?.[1]).toMatch(/with the build backend change$/)
    expect(
      await hits(
        { files: pyproject(['flit_core >=3.4']) },
        { files: pyproject(['flit_core>=3.4']) },
        rule
      )
    ).toEqual([])
    expect(await hits({}, {}, rule)).toEqual([])
  })
})
