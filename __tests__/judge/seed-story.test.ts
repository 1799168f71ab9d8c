import { describe, expect, it } from '@jest/globals'
import { renderMarkdown } from '../../src/render/markdown.js'
import { renderText } from '../../src/render/text.js'
import { diffArchives } from '../../src/pipeline/index.js'
import { SEED_RC2, SEED_RC3 } from '../helpers/sdist.js'

describe('backend.ai-kernel-helper 24.3.0rc2 → rc3, the release that started the project', () => {
  it('is high risk because Python 3.11 is dropped, and says the new Requires-Dist was already required', async () => {
    const report = await diffArchives(SEED_RC2, SEED_RC3)
    expect(report.risk).toBe('high')
    expect(report.findings.map(f => [f.severity, f.rule, f.message])).toEqual([
      [
        'high',
        'requires-python-narrowed',
        'Python 3.11 is no longer supported (Requires-Python >=3.11,<3.12 → >=3.12,<3.13)'
      ],
      ['info', 'version-changed', 'version 24.3.0rc2 → 24.3.0rc3: the next pre-release of 24.3.0'],
      [
        'info',
        'requires-python-widened',
        'Python 3.12 is newly supported (Requires-Python >=3.11,<3.12 → >=3.12,<3.13)'
      ],
      [
        'info',
        'dependency-moved',
        'types-setuptools is now declared in PKG-INFO (Requires-Dist); it was already required through backend.ai_kernel_helper.egg-info/requires.txt, so installs do not change'
      ],
      ['info', 'classifier-added', 'classifier "Programming Language :: Python :: 3.12" was added']
    ])
  })

  it('shows the findings above the file list and the diffs, in text and in Markdown', async () => {
    const report = await diffArchives(SEED_RC2, SEED_RC3)
    const text = renderText(report).split('\n')
    expect(text.slice(0, 5).join('\n')).toContain(
      'requires-python-narrowed    Python 3.11 is no longer supported'
    )
    expect(text.findIndex(l => l.includes('dependency-moved'))).toBeLessThan(text.indexOf('Files:'))
    const markdown = renderMarkdown(report)
    expect(markdown.indexOf('Python 3\\.11 is no longer supported')).toBeLessThan(
      markdown.indexOf('#### Files')
    )
    expect(markdown.indexOf('types\\-setuptools')).toBeLessThan(markdown.indexOf('#### Diffs'))
  })
})
