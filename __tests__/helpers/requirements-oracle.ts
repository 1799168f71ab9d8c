// pypa/packaging as the oracle of the PEP 440/508 core: requirements_oracle.py run once per batch, and the
// same answers computed by the project's code, so that a test compares them field by field.
import { execFileSync, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Environment } from '../../src/packaging/marker-environments.js'
import { Marker } from '../../src/packaging/markers.js'
import { normalizeName } from '../../src/packaging/names.js'
import { parseRequirement, requirementString } from '../../src/packaging/requirements.js'
import { SpecifierSet } from '../../src/packaging/specifiers.js'
import { Version } from '../../src/packaging/version.js'

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'requirements_oracle.py')

export type Kind = 'requirement' | 'marker' | 'specifier' | 'version' | 'name'
export interface Item {
  kind: Kind
  text: string
}
export type Evaluation = boolean | 'error'
export interface Answer {
  valid: boolean
  str?: string
  name?: string
  extras?: string[]
  specifier?: string
  url?: string | null
  marker?: string | null
  evaluations?: Evaluation[] | null
  contains?: boolean[]
}

/** The Pythons a Requires-Python's membership is compared on (pre-releases included, as markers). */
export const VERSIONS = [
  ...['2.6', '2.7', '2.7.18', '3.0', '3.3', '3.4', '3.5', '3.5.2', '3.6', '3.6.0', '3.6.1', '3.7'],
  ...['3.7.0', '3.7.2', '3.8', '3.8.0', '3.8.1', '3.9', '3.9.0', '3.9.2', '3.10', '3.10.0', '3.11'],
  ...['3.12', '3.13', '3.14', '3.15', '4.0', '4.0.0', '10.0']
]

export interface Oracle {
  python: string
  /** packaging's version, e.g. `26.2`. */
  version: string
}

/**
 * The Pythons with packaging: the image's python3 (a recent release, the reference) and Debian's
 * /usr/bin/python3 (23.0), each once.
 */
export function findOracles(): Oracle[] {
  const found: Oracle[] = []
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      const version = execFileSync(
        python,
        ['-c', 'import packaging; print(packaging.__version__)'],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore']
        }
      ).trim()
      if (!found.some(o => o.version === version)) found.push({ python, version })
    } catch {
      // No such Python, or no packaging in it.
    }
  }
  return found
}

export function askOracle(oracle: Oracle, environments: Environment[], items: Item[]): Answer[] {
  const run = spawnSync(oracle.python, [SCRIPT], {
    input: JSON.stringify({ environments, versions: VERSIONS, items }),
    encoding: 'utf8',
    maxBuffer: 1 << 30
  })
  if (run.status !== 0) throw new Error(`${oracle.python} ${SCRIPT} failed: ${run.stderr}`)
  return (JSON.parse(run.stdout) as { results: Answer[] }).results
}

const memo = new WeakMap<Environment[], Map<string, Evaluation[]>>()

/**
 * Memoised by the marker's text, which names one marker unless a value holds a `"` (only a
 * single-quoted string can): those are evaluated each time.
 */
function evaluations(marker: Marker, environments: Environment[], source: string): Evaluation[] {
  if (source.includes("'")) return evaluate(marker, environments)
  const key = marker.toString()
  const byMarker = memo.get(environments) ?? new Map<string, Evaluation[]>()
  memo.set(environments, byMarker)
  let answers = byMarker.get(key)
  if (!answers) byMarker.set(key, (answers = evaluate(marker, environments)))
  return answers
}

function evaluate(marker: Marker, environments: Environment[]): Evaluation[] {
  return environments.map(environment => {
    try {
      return marker.evaluateStrictly(environment)
    } catch {
      return 'error'
    }
  })
}

/** The project's answer in the oracle's shape. */
export function ourAnswer(item: Item, environments: Environment[]): Answer {
  switch (item.kind) {
    case 'requirement': {
      const parsed = parseRequirement(item.text)
      if (!parsed.ok) return { valid: false }
      const r = parsed.requirement
      return {
        valid: true,
        str: requirementString(r),
        name: r.name,
        extras: [...r.declaredExtras],
        specifier: r.specifierText,
        url: r.url ?? null,
        marker: r.marker?.toString() ?? null,
        evaluations: r.marker ? evaluations(r.marker, environments, item.text) : null
      }
    }
    case 'marker': {
      let marker: Marker
      try {
        marker = Marker.parse(item.text)
      } catch {
        return { valid: false }
      }
      return {
        valid: true,
        str: marker.toString(),
        evaluations: evaluations(marker, environments, item.text)
      }
    }
    case 'specifier': {
      const parsed = SpecifierSet.parse(item.text)
      return parsed
        ? { valid: true, contains: VERSIONS.map(v => parsed.contains(v)) }
        : { valid: false }
    }
    case 'version': {
      const parsed = Version.parse(item.text)
      return parsed ? { valid: true, str: parsed.text } : { valid: false }
    }
    case 'name':
      return /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i.test(item.text)
        ? { valid: true, str: normalizeName(item.text) }
        : { valid: false }
  }
}

const platforms = [
  ['linux', 'x86_64', 'posix', 'Linux', '6.1.0-18-amd64'],
  ['linux', 'aarch64', 'posix', 'Linux', '5.15.0'],
  ['win32', 'AMD64', 'nt', 'Windows', '10'],
  ['darwin', 'arm64', 'posix', 'Darwin', '23.1.0'],
  ['cygwin', 'x86_64', 'posix', 'CYGWIN_NT-10.0', '3.4.9']
]
const pythons = ['2.7.18', '3.4.10', '3.6.15', '3.7.17', '3.8.10', '3.9.0', '3.10.12', '3.11.7']
const morePythons = ['3.12.3', '3.13.0', '3.14.0', '4.0.0']
const implementations = [
  ['cpython', 'CPython'],
  ['pypy', 'PyPy']
]

function environment(
  python: string,
  [platform, machine, os, system, release]: string[],
  [name, implementation]: string[],
  extra: string
): Environment {
  return {
    implementation_name: name ?? '',
    implementation_version: python,
    os_name: os ?? '',
    platform_machine: machine ?? '',
    platform_release: release ?? '',
    platform_system: system ?? '',
    platform_version: '#1 SMP',
    python_full_version: python,
    platform_python_implementation: implementation ?? '',
    python_version: python.split('.').slice(0, 2).join('.'),
    sys_platform: platform ?? '',
    extra
  }
}

/**
 * The environment grid: every Python on every platform under CPython, every Python under PyPy on
 * Linux, then each extra (spelled as a caller might) on one common environment.
 */
export const ENVIRONMENTS: Environment[] = [
  ...[...pythons, ...morePythons].flatMap(python => [
    ...platforms.map(platform => environment(python, platform, implementations[0] ?? [], '')),
    environment(python, platforms[0] ?? [], implementations[1] ?? [], '')
  ]),
  ...['test', 'dev', 'docs', 'Test_Extra', 'all'].map(extra =>
    environment('3.11.7', platforms[0] ?? [], implementations[0] ?? [], extra)
  )
]
