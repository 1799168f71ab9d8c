import { supportedPythons } from './python-versions.js'
import type { SpecifierSet } from './specifiers.js'
import { compareVersions } from './version.js'

/** The PEP 508 environment: marker variable → value. Unset variables read as ''. */
export type Environment = Readonly<Record<string, string>>

/** Platforms a marker is most often about; enough to tell "always", "sometimes" and "never" apart. */
const PLATFORMS: Environment[] = [
  { sys_platform: 'linux', platform_system: 'Linux', os_name: 'posix', platform_machine: 'x86_64' },
  {
    sys_platform: 'darwin',
    platform_system: 'Darwin',
    os_name: 'posix',
    platform_machine: 'arm64'
  },
  { sys_platform: 'win32', platform_system: 'Windows', os_name: 'nt', platform_machine: 'AMD64' }
]
const IMPLEMENTATIONS: Environment[] = [
  { implementation_name: 'cpython', platform_python_implementation: 'CPython' },
  { implementation_name: 'pypy', platform_python_implementation: 'PyPy' }
]

/**
 * Representative environments for the Pythons a Requires-Python allows (see `representativePythons`),
 * on each common platform and implementation, with the given extras.
 */
export function environmentsFor(
  requiresPython: SpecifierSet,
  extras: string[] = []
): Environment[] {
  return representativePythons(requiresPython).flatMap(full =>
    PLATFORMS.flatMap(platform =>
      IMPLEMENTATIONS.flatMap(implementation =>
        ['', ...extras].map(extra => ({
          ...platform,
          ...implementation,
          python_full_version: full,
          python_version: full.split('.').slice(0, 2).join('.'),
          implementation_version: full,
          extra
        }))
      )
    )
  )
}

/** The newest minor assumed to exist; later ones (and Python 4) stand in for every Python after it. */
const NEWEST_PYTHON_3_MINOR = 15

/**
 * The Pythons that stand for a Requires-Python: the first and a late patch release of every minor
 * from 2.0 to the newest, one past it, and the first and last Python of each range it allows. A fixed
 * list plus two per range, so the count does not grow with the bound (`<4.0` or `<100`).
 */
export function representativePythons(requiresPython: SpecifierSet): string[] {
  const candidates: string[] = []
  for (let minor = 0; minor <= 7; minor++) candidates.push(`2.${minor}.0`, `2.${minor}.99`)
  for (let minor = 0; minor <= NEWEST_PYTHON_3_MINOR + 1; minor++)
    candidates.push(`3.${minor}.0`, `3.${minor}.99`)
  for (const { from, to } of supportedPythons(requiresPython)) {
    candidates.push(from.join('.'))
    // Past the newest minor, the grid's last Python already stands for the range's end.
    if (to && (compareVersions(to.join('.'), `3.${NEWEST_PYTHON_3_MINOR + 1}.99`) ?? 1) <= 0)
      candidates.push(lastBefore(to))
  }
  const allowed = candidates.filter(python => requiresPython.contains(python))
  return [...new Set(allowed)].sort((a, b) => compareVersions(a, b) ?? 0)
}

/** The last Python below `to` that stands for it: `3.8.4` below 3.8.5, `3.99` below 4.0. */
function lastBefore([major, minor, patch]: readonly [number, number, number]): string {
  if (patch > 0) return `${major}.${minor}.${patch - 1}`
  if (minor > 0) return `${major}.${minor - 1}.99`
  return major === 3 ? '2.7.99' : `${major - 1}.99.99`
}
