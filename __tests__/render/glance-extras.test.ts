// The glance table says what every install gets apart from what extras add: a project that moves its
// extras to [dependency-groups] (PEP 735) changes nothing any install gets.
import { describe, expect, it } from '@jest/globals'
import { diffArchives } from '../../src/pipeline/index.js'
import { renderMarkdown } from '../../src/render/markdown.js'
import { buildSdist, pkgInfo, tempDir } from '../helpers/sdist.js'

const sdist = (version: string, headers: string) =>
  buildSdist(tempDir(), { version, files: { 'PKG-INFO': pkgInfo('demo', version, headers) } })

function rows(markdown: string): string[] {
  return (markdown.split('\n\n')[2] ?? '').split('\n').slice(2)
}

describe('dependencies at a glance', () => {
  it('keeps what every install gets apart from what extras bring', async () => {
    const before = [
      'Requires-Dist: click>=8',
      'Provides-Extra: test',
      'Requires-Dist: pytest; extra == "test"',
      'Requires-Dist: coverage; extra == "test"',
      'Provides-Extra: docs',
      'Requires-Dist: sphinx; extra == "docs"',
      'Requires-Dist: click>=8.1; extra == "docs"'
    ].join('\n')
    const report = await diffArchives(sdist('1.0', before), sdist('1.1', 'Requires-Dist: click>=8'))
    expect(report.glance?.previous).toMatchObject({
      dependencies: ['click'],
      extraDependencies: ['coverage', 'pytest', 'sphinx']
    })
    expect(report.glance?.current).toMatchObject({ dependencies: ['click'], extraDependencies: [] })
    const table = rows(renderMarkdown(report))
    expect(table).toContain('| Dependencies | 1 | 1 |')
    expect(table).toContain("| Extras' dependencies | 3 | **0** (+0 −3) ✏️ |")
  })

  it('shows no extras row for a package without extras', async () => {
    const report = await diffArchives(
      sdist('1.0', 'Requires-Dist: six'),
      sdist('1.1', 'Requires-Dist: six\nRequires-Dist: click')
    )
    const table = rows(renderMarkdown(report))
    expect(table).toContain('| Dependencies | 1 | **2** (+1 −0) ✏️ |')
    expect(table.some(row => row.startsWith("| Extras' dependencies"))).toBe(false)
  })
})
