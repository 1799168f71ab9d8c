// The real releases of ../shared/real-sdists with their wheels, built here from each sdist by the project's
// own backend (as `python -m build` does): every wheel agrees with its sdist, and a wheel section says
// nothing its sdist has not already said — no false alarm on a real release.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { runPipeline, DEFAULT_STAGE_OPTIONS } from '../../src/pipeline/index.js'
import { withPython } from '../helpers/python-build.js'
import { sharedCorpus } from '../helpers/shared.js'
import { tempDir } from '../helpers/sdist.js'

const found = sharedCorpus('real-sdists', 'the real-wheel suite')
const present = found !== undefined
const SHARED = found ?? ''
const withBackends = withPython(
  ['setuptools', 'flit_core', 'poetry.core', 'setuptools_scm'],
  'python3-build python3-setuptools flit python3-poetry-core python3-setuptools-scm',
  'the real-wheel suite'
)

/**
 * Projects whose wheels Debian's backends build from the sdist: markupsafe compiles its C extension;
 * pytest needs its version from the environment (setuptools-scm without git). jsonschema's
 * hatch-fancy-pypi-readme and typing_extensions 4.13's flit_core ≥ 3.11 are not packaged.
 */
const PROJECTS = ['certifi', 'markupsafe', 'pytest', 'rich', 'six', 'werkzeug']

/** One folder per version holding the sdist and the wheel built from it, oldest first. */
function releasesWithWheels(project: string): [string, string] {
  const out = tempDir(`real-${project}-`)
  const folders = readdirSync(join(SHARED, project)).sort()
  const built = folders.map(folder => {
    const sdist = join(
      SHARED,
      project,
      folder,
      readdirSync(join(SHARED, project, folder)).find(f => f.endsWith('.tar.gz')) ?? ''
    )
    const release = join(out, folder)
    const tree = join(out, `${folder}-src`)
    mkdirSync(release)
    mkdirSync(tree)
    copyFileSync(sdist, join(release, basename(sdist)))
    execFileSync('tar', ['-xzf', sdist, '-C', tree])
    const root = join(tree, readdirSync(tree)[0] ?? '')
    const version = basename(sdist, '.tar.gz').split('-').pop() ?? ''
    execFileSync(
      '/usr/bin/python3',
      [
        '-m',
        'build',
        '--wheel',
        '--no-isolation',
        '--skip-dependency-check',
        '--outdir',
        release,
        root
      ],
      { stdio: 'ignore', env: { ...process.env, SETUPTOOLS_SCM_PRETEND_VERSION: version } }
    )
    return join(release, '*')
  })
  return [built[0] ?? '', built[built.length - 1] ?? '']
}

describe('real releases with their wheels', () => {
  for (const project of PROJECTS)
    (present ? withBackends : it.skip)(
      `${project}: the wheel agrees with its sdist and repeats none of its findings`,
      async () => {
        const [previous, current] = releasesWithWheels(project)
        const run = await runPipeline(
          { kind: 'release', current: [current], previous },
          DEFAULT_STAGE_OPTIONS
        )
        const [pkg] = run.packages
        expect(pkg?.wheels).toHaveLength(1)
        const [wheel] = pkg?.wheels ?? []
        expect(wheel?.previous?.filename).toMatch(/\.whl$/)
        expect(wheel?.findings).toEqual([])
        expect(wheel?.risk).toBe('none')
      },
      180_000
    )
})
