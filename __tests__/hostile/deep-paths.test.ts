// Folding and every per-path step are linear in a path's length: one path 50,000 folders deep would
// take gigabytes if any step listed every prefix of it as a string (50,000 prefixes of 50 KB on average).
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { runCli } from '../helpers/target.js'
import { pkgInfo, tempDir } from '../helpers/sdist.js'

const DEPTH = 50_000

/** An sdist written by Python's tarfile (pax records hold the long names) with the given extra files. */
function deepSdist(dir: string, version: string, extra: string[]): string {
  const out = join(dir, `deep-${version}.tar.gz`)
  const script = `
import io, json, sys, tarfile
out, root, pkg_info, names = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.stdin.read())
with tarfile.open(out, 'w:gz', format=tarfile.PAX_FORMAT) as tar:
    for name, data in [('PKG-INFO', pkg_info.encode())] + [(n, n[-40:].encode()) for n in names]:
        info = tarfile.TarInfo(f'{root}/{name}')
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
`
  execFileSync('python3', ['-c', script, out, `deep-${version}`, pkgInfo('deep', version)], {
    input: JSON.stringify(extra),
    maxBuffer: 1 << 30
  })
  return out
}

const deep = (leaf: string) => `${'d/'.repeat(DEPTH)}${leaf}`
/** A wide tree: 3,000 files in 60 folders of 50, each 200 folders deep, all under `w/`. */
const wide = Array.from(
  { length: 3000 },
  (_, i) => `w/${Math.floor(i / 50)}/${'x/'.repeat(200)}f${i}.py`
)

describe('paths 50,000 folders deep', () => {
  it('are added, folded and rendered in every format', async () => {
    const dir = tempDir()
    const previous = deepSdist(dir, '1.0', [deep('old.py')])
    const added = Array.from({ length: 8 }, (_, i) => deep(`new${i}.py`))
    const current = deepSdist(dir, '1.1', [deep('old.py'), ...added, ...wide])
    const json = await runCli([previous, current, '--format', 'json', '--fail-on', 'none'])
    expect(json.stderr).toBe('')
    const report = JSON.parse(json.stdout)
    expect(report.files.added).toHaveLength(added.length + wide.length)
    const addedFindings = report.findings.filter((f: { rule: string }) => f.rule === 'file-added')
    // The 8 deep files fold into their folder, the wide tree into its shallowest folder, `w/`.
    const folded = addedFindings.map((f: { path: string }) => f.path)
    expect(folded.length).toBe(2)
    expect(folded.includes('d/'.repeat(DEPTH))).toBe(true)
    expect(folded.includes('w/')).toBe(true)
    for (const format of ['text', 'markdown']) {
      const { code, stdout } = await runCli([previous, current, '--format', format])
      expect(code).toBe(0)
      expect(stdout.includes(deep('new7.py'))).toBe(true)
    }
  }, 600_000)

  it('are removed, and folded by the folders they leave empty', async () => {
    const dir = tempDir()
    const gone = Array.from({ length: 3 }, (_, i) => `${'g/'.repeat(DEPTH)}gone${i}.py`)
    const previous = deepSdist(dir, '1.0', [deep('old.py'), ...gone])
    const current = deepSdist(dir, '1.1', [deep('old.py')])
    const json = await runCli([previous, current, '--format', 'json', '--fail-on', 'none'])
    expect(json.stderr).toBe('')
    const removed = JSON.parse(json.stdout).findings.filter(
      (f: { rule: string }) => f.rule === 'file-removed'
    )
    // The three files were all `g/` held: one finding for it.
    expect(removed.map((f: { path: string }) => f.path)).toEqual(['g/'])
  }, 600_000)
})
