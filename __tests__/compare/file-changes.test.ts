import { describe, expect, it } from '@jest/globals'
import { DEFAULT_DIFF_LIMITS } from '../../src/compare/file-diff.js'
import { DiffBudget, lineDiff } from '../../src/compare/line-diff.js'
import { DEFAULT_STAGE_OPTIONS, diffArchives } from '../../src/pipeline/index.js'
import { renderMarkdown } from '../../src/render/markdown.js'
import { renderText } from '../../src/render/text.js'
import { SEED_RC2, SEED_RC3, buildSdist, tempDir } from '../helpers/sdist.js'

describe('the seed pair (backend.ai-kernel-helper 24.3.0rc2 → rc3)', () => {
  it('has no file added or removed and exactly the four modified files diffoscope shows', async () => {
    const report = await diffArchives(SEED_RC2, SEED_RC3)
    expect(report.files).toEqual({
      added: [],
      removed: [],
      modified: [
        'PKG-INFO',
        'ai/backend/helpers/VERSION',
        'backend.ai_kernel_helper.egg-info/PKG-INFO',
        'setup.py'
      ],
      renamed: [],
      modeChanged: [],
      typeChanged: [],
      unchanged: 11
    })
    expect(report.files.modified).not.toContain('ai/backend/helpers/package.py')
    expect(report.files.modified).not.toContain('backend_shim.py')
    expect(report.previous).toMatchObject({
      name: 'backend.ai-kernel-helper',
      version: '24.3.0rc2'
    })
    expect(report.current).toMatchObject({
      version: '24.3.0rc3',
      filename: 'backend.ai-kernel-helper-24.3.0rc3.tar.gz'
    })
    const pkgInfo = report.diffs.find(d => d.path === 'PKG-INFO')
    expect(pkgInfo?.patch).toContain('-Requires-Python: >=3.11,<3.12')
    expect(pkgInfo?.patch).toContain('+Requires-Python: >=3.12,<3.13')
    expect(pkgInfo?.patch).toContain('+Requires-Dist: types-setuptools')
  })
})

describe('noise is not change', () => {
  it('timestamps, owners and the root folder name alone give risk none and no changed file', async () => {
    const files = { 'setup.py': 'from setuptools import setup\nsetup()\n', 'pkg/__init__.py': '' }
    const before = buildSdist(tempDir(), {
      root: 'demo-1.0',
      files,
      mtime: '2020-01-01',
      owner: 'alice'
    })
    const after = buildSdist(tempDir(), {
      root: 'Demo-1.0',
      files,
      mtime: '2024-06-30',
      owner: 'bob'
    })
    const report = await diffArchives(before, after)
    expect(report.risk).toBe('none')
    expect(report.findings).toEqual([])
    expect(report.files).toMatchObject({
      added: [],
      removed: [],
      modified: [],
      renamed: [],
      modeChanged: []
    })
    expect(report.files.unchanged).toBe(3)
  })
})

describe('file-list changes', () => {
  it('finds added, removed, renamed, mode and type changes, sorted', async () => {
    const shared = 'def main():\n    return 42\n'
    const before = buildSdist(tempDir(), {
      files: {
        'b_removed.txt': 'bye\n',
        'a_removed.txt': 'bye too\n',
        'old/location.py': shared,
        'script.sh': { content: 'echo hi\n', mode: 0o644 },
        'link.txt': 'was a file\n',
        'same.txt': 'same\n'
      }
    })
    const after = buildSdist(tempDir(), {
      version: '1.1',
      files: {
        'z_added.txt': 'new\n',
        'c_added.txt': 'also new\n',
        'new/location.py': shared,
        'script.sh': { content: 'echo hi\n', mode: 0o755 },
        'link.txt': { symlink: 'same.txt' },
        'same.txt': 'same\n'
      }
    })
    const { files } = await diffArchives(before, after)
    expect(files.added).toEqual(['c_added.txt', 'z_added.txt'])
    expect(files.removed).toEqual(['a_removed.txt', 'b_removed.txt'])
    expect(files.renamed).toEqual([{ from: 'old/location.py', to: 'new/location.py' }])
    expect(files.modeChanged).toEqual(['script.sh'])
    expect(files.typeChanged).toEqual(['link.txt'])
    expect(files.modified).toEqual(['PKG-INFO'])
    expect(files.unchanged).toBe(1)
  })

  it('diffs binary files by size and hash, and cuts long diffs with a note', async () => {
    const long = (edited: boolean) =>
      Array.from(
        { length: 2000 },
        (_, i) => `line ${i}${edited && i % 4 === 0 ? ' edited' : ''}`
      ).join('\n')
    const before = buildSdist(tempDir(), {
      files: { 'blob.bin': { content: Buffer.from([0, 1, 2]) }, 'long.txt': long(false) }
    })
    const after = buildSdist(tempDir(), {
      files: { 'blob.bin': { content: Buffer.from([0, 1, 2, 3]) }, 'long.txt': long(true) }
    })
    const report = await diffArchives(before, after)
    const blob = report.diffs.find(d => d.path === 'blob.bin')
    expect(blob).toMatchObject({ kind: 'binary', oldSize: 3, newSize: 4 })
    expect(blob?.patch).toBeUndefined()
    const cut = report.diffs.find(d => d.path === 'long.txt')
    expect(cut?.note).toMatch(/diff cut after 400 of \d+ lines/)
    expect(cut?.patch?.split('\n')).toHaveLength(400)
  })
})

describe('bounded diff work', () => {
  it('anchors a pathological pair instead of stalling, and says so', async () => {
    const lines = (seed: number) =>
      Array.from({ length: 30_000 }, (_, i) => `${(i * seed) % 7919}`).join('\n')
    const before = buildSdist(tempDir(), { files: { 'data.txt': lines(13) } })
    const after = buildSdist(tempDir(), { version: '1.1', files: { 'data.txt': lines(17) } })
    const diff = (await diffArchives(before, after)).diffs.find(d => d.path === 'data.txt')
    expect(diff?.patch?.split('\n')).toHaveLength(400)
    expect(diff?.note).toMatch(
      /^changed in many places \(\+\d+ −\d+ lines\): aligned on the lines found once in both files, not a minimal diff; diff cut after 400 of \d+ lines$/
    )
  })

  it('summarises the files past the run budget, naming them in every format', async () => {
    const module = (seed: number) =>
      Array.from({ length: 3000 }, (_, i) => `value_${i} = ${(i * seed) % 1000}`).join('\n')
    const files = (seed: number) =>
      Object.fromEntries(['a.py', 'b.py', 'c.py'].map(name => [name, module(seed)]))
    const before = buildSdist(tempDir(), { files: files(3) })
    const after = buildSdist(tempDir(), { version: '1.1', files: files(7) })
    // Room for one file's diff and half another's: the work is counted, so this is exact.
    const oneFile = new DiffBudget(1e12)
    const shown = { ...DEFAULT_DIFF_LIMITS, maxLines: DEFAULT_DIFF_LIMITS.maxPatchLines - 2 }
    lineDiff(module(3), module(7), shown, oneFile)
    const runWork = Math.floor((1e12 - oneFile.remaining) * 1.5)
    const options = { ...DEFAULT_STAGE_OPTIONS, diffLimits: { ...DEFAULT_DIFF_LIMITS, runWork } }
    const report = await diffArchives(before, after, options)
    const [a, b, c] = ['a.py', 'b.py', 'c.py'].map(p => report.diffs.find(d => d.path === p))
    expect(a?.patch).toBeDefined()
    expect(a?.summarised).toBeUndefined()
    for (const diff of [b, c]) {
      expect(diff?.summarised).toBe(true)
      expect(diff?.patch).toBeUndefined()
      expect(diff?.note).toBe(
        `not diffed: the run's diff budget (${runWork.toLocaleString('en')} work units) was spent on earlier files; 3000 → 3000 lines, compared by SHA-256`
      )
    }
    expect(renderText(report)).toContain("(not diffed: the run's diff budget")
    expect(renderText(report)).toContain(
      '2 files summarised, not diffed (the run’s diff budget was spent): b.py, c.py'
    )
    expect(renderMarkdown(report)).toContain(
      '2 files summarised, not diffed (the run’s diff budget was spent): `b.py`, `c.py`'
    )
  })
})

describe('renames', () => {
  const template = Array.from({ length: 30 }, (_, i) => `<p>{{ item.field_${i} }}</p>`).join('\n')

  it('pair a file given a new extension and a one-line edit (class.html → class.html.jinja)', async () => {
    const report = await diffArchives(
      buildSdist(tempDir(), { files: { 'demo/templates/class.html': template } }),
      buildSdist(tempDir(), {
        version: '1.1',
        files: { 'demo/templates/class.html.jinja': template.replace('field_3 ', 'field_3|e ') }
      })
    )
    expect(report.files).toMatchObject({ added: [], removed: [] })
    expect(report.files.renamed).toEqual([
      {
        from: 'demo/templates/class.html',
        to: 'demo/templates/class.html.jinja',
        similarity: expect.any(Number)
      }
    ])
    expect(report.findings.filter(f => f.rule.startsWith('file-'))).toEqual([
      expect.objectContaining({ rule: 'file-renamed', path: 'demo/templates/class.html.jinja' })
    ])
  })

  it('pair a folder moved whole, its empty files with it, and no empty file by hash alone', async () => {
    const tests = {
      '__init__.py': '',
      'conftest.py': '',
      'test_core.py': 'def test_core():\n    assert True\n',
      'test_cli.py': 'def test_cli():\n    assert 1\n',
      'data/__init__.py': '',
      'data/sample.txt': 'sample\n'
    }
    const under = (folder: string) =>
      Object.fromEntries(Object.entries(tests).map(([name, text]) => [`${folder}/${name}`, text]))
    const report = await diffArchives(
      buildSdist(tempDir(), { files: { ...under('tests'), 'demo/__init__.py': '' } }),
      buildSdist(tempDir(), {
        version: '1.1',
        files: { ...under('src/demo/tests'), 'demo/py.typed': '' }
      })
    )
    expect(report.files.renamed.map(r => `${r.from} → ${r.to}`).sort()).toEqual(
      Object.keys(tests)
        .map(name => `tests/${name} → src/demo/tests/${name}`)
        .sort()
    )
    // Two empty files, unrelated by folder: a removal and an addition, not a rename.
    expect(report.files).toMatchObject({ added: ['demo/py.typed'], removed: ['demo/__init__.py'] })
  })
})
