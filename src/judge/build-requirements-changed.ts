import { effectiveBackend, effectiveBuildRequires } from '../packaging/pyproject.js'
import { formatRequirement, parseRequirement, type Requirement } from '../packaging/requirements.js'
import type { Severity } from './severity.js'
import type { Rule, RuleHit } from './types.js'

/** Build backends and the compilers and code generators a build runs: a cap on them guards the build. */
const BUILD_TOOLS = new Set([
  'setuptools',
  'flit-core',
  'flit',
  'hatchling',
  'poetry-core',
  'pdm-backend',
  'pdm-pep517',
  'maturin',
  'scikit-build-core',
  'scikit-build',
  'meson-python',
  'cython',
  'setuptools-rust',
  'pybind11',
  'nanobind',
  'cffi',
  'numpy',
  'cmake',
  'ninja',
  'meson',
  'swig'
])

function parsed(texts: string[]): Requirement[] {
  return texts.flatMap(text => {
    const result = parseRequirement(text)
    return result.ok ? [result.requirement] : []
  })
}

interface Part {
  text: string
  /** A cap on a backend or compiler dropped: builds may get a release the project never built with. */
  capDropped?: boolean
  /** A project builds did not install before. */
  appeared?: boolean
}

function changeOf(before: Requirement, after: Requirement): Part | undefined {
  const from = formatRequirement(before)
  const to = formatRequirement(after)
  if (before.specifier.equals(after.specifier) && from === to) return undefined
  const capDropped = before.specifier.allowed.capped && !after.specifier.allowed.capped
  const how = capDropped
    ? 'cap dropped'
    : before.specifier.raisesFloorOnly(after.specifier)
      ? 'minimum raised'
      : {
          unchanged: 'spelled differently',
          narrowed: 'fewer versions',
          widened: 'more versions',
          shifted: 'versions moved'
        }[before.specifier.compare(after.specifier)]
  return {
    text: `${from} → ${to} (${how})`,
    capDropped: capDropped && BUILD_TOOLS.has(after.key)
  }
}

/** A new backend brings its own requirements: with a migration only a dropped cap stands out. */
function severityOf(parts: Part[], migrated: boolean): Severity {
  if (parts.some(p => p.capDropped)) return 'medium'
  if (migrated) return 'info'
  return parts.some(p => p.appeared) ? 'medium' : 'low'
}

/**
 * `[build-system] requires` compared by project: what a frontend installs before it runs the build.
 * A project with none declared builds with PEP 518's default, setuptools.
 */
export const buildRequirementsChanged: Rule = {
  id: 'build-requirements-changed',
  defaultSeverity: 'low',
  description:
    '`[build-system] requires` changed (a minimum raised, a requirement added or dropped): medium when a cap on a backend or compiler is dropped or a requirement appears that every source build installs; info when the build backend changed with it.',
  check: ({ metadata }): RuleHit[] => {
    const before = parsed(effectiveBuildRequires(metadata.previous.buildSystem))
    const after = parsed(effectiveBuildRequires(metadata.current.buildSystem))
    const keys = [...new Set([...before, ...after].map(r => r.key))].sort()
    const parts: Part[] = keys.flatMap(key => {
      const old = before.find(r => r.key === key)
      const now = after.find(r => r.key === key)
      if (old && now) return changeOf(old, now) ?? []
      if (now)
        return [
          {
            text: `new: ${formatRequirement(now)} (every source build installs it)`,
            appeared: true
          }
        ]
      return old ? [{ text: `no longer required: ${formatRequirement(old)}` }] : []
    })
    if (!parts.length) return []
    const migrated =
      effectiveBackend(metadata.previous.buildSystem) !==
      effectiveBackend(metadata.current.buildSystem)
    const severity = severityOf(parts, migrated)
    const message =
      `[build-system] requires changed: ${parts.map(p => p.text).join('; ')}` +
      (metadata.previous.buildSystem?.requires
        ? ''
        : '; none was declared before (PEP 518 default)') +
      (migrated ? '; with the build backend change' : '')
    return [{ message, ...(severity !== 'low' && { severity }) }]
  }
}
