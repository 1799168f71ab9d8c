import { parse } from 'smol-toml'

/** The parts of a `pyproject.toml` `[project]` table that core metadata also carries. */
export interface PyprojectProject {
  name?: string
  version?: string
  requiresPython?: string
  dependencies?: string[]
  optionalDependencies?: Record<string, string[]>
  entryPoints: string[]
  /** Each of `entryPoints` with the object it loads. */
  entryPointTargets: Record<string, string>
  dynamic: string[]
}

/** `[build-system]`: an in-tree backend (`backend-path`) runs from the sdist's own files. */
export interface BuildSystem {
  buildBackend?: string
  backendPath: string[]
  /** `requires` as written: what a frontend installs before it builds; undefined when not declared. */
  requires?: string[]
}

/** What pip runs without a `[build-system] build-backend` (PEP 517's fallback). */
export const LEGACY_BACKEND = 'setuptools.build_meta:__legacy__'

/** What pip installs to build a project that declares no `[build-system] requires` (PEP 518). */
export const DEFAULT_BUILD_REQUIRES = ['setuptools>=40.8.0']

/** The requirements a frontend installs before building, declared or by default. */
export function effectiveBuildRequires(buildSystem: BuildSystem | undefined): string[] {
  return buildSystem?.requires ?? DEFAULT_BUILD_REQUIRES
}

/** The backend a frontend runs for this `[build-system]` (or for none). */
export function effectiveBackend(buildSystem: BuildSystem | undefined): string {
  return buildSystem?.buildBackend ?? LEGACY_BACKEND
}

export type PyprojectParse =
  | {
      ok: true
      project?: PyprojectProject
      buildSystem?: BuildSystem
      versionFiles: string[]
      /** PEP 735 `[dependency-groups]`: each group's requirements, its `include-group`s expanded. */
      dependencyGroups: Record<string, string[]>
    }
  | { ok: false; error: string }

export function parsePyproject(text: string): PyprojectParse {
  let document: Record<string, unknown>
  try {
    document = parse(text) as Record<string, unknown>
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
    }
  }
  const system = document['build-system']
  const buildSystem = isRecord(system)
    ? {
        ...stringField(system, 'build-backend', 'buildBackend'),
        backendPath: isStringList(system['backend-path']) ? system['backend-path'] : [],
        ...(isStringList(system.requires) && { requires: system.requires })
      }
    : undefined
  const table = document.project
  const versionFiles = versionFilesOf(document)
  const dependencyGroups = dependencyGroupsOf(document['dependency-groups'])
  if (!isRecord(table))
    return { ok: true, ...(buildSystem && { buildSystem }), versionFiles, dependencyGroups }
  return {
    ok: true,
    ...(buildSystem && { buildSystem }),
    versionFiles,
    dependencyGroups,
    project: {
      ...stringField(table, 'name', 'name'),
      ...stringField(table, 'version', 'version'),
      ...stringField(table, 'requires-python', 'requiresPython'),
      ...(isStringList(table.dependencies) && { dependencies: table.dependencies }),
      ...(isRecord(table['optional-dependencies']) && {
        optionalDependencies: Object.fromEntries(
          Object.entries(table['optional-dependencies']).filter(([, v]) => isStringList(v))
        ) as Record<string, string[]>
      }),
      entryPoints: Object.keys(entryPointTargets(table)),
      entryPointTargets: entryPointTargets(table),
      dynamic: isStringList(table.dynamic) ? table.dynamic : []
    }
  }
}

/** Where a VCS-versioning plugin writes the version at build time (so the file is not in git). */
const VERSION_FILE_SETTINGS: string[][] = [
  ['tool', 'setuptools_scm', 'write_to'],
  ['tool', 'setuptools_scm', 'version_file'],
  ['tool', 'hatch', 'build', 'hooks', 'vcs', 'version-file'],
  ['tool', 'hatch', 'build', 'targets', 'sdist', 'hooks', 'vcs', 'version-file'],
  ['tool', 'pdm', 'version', 'write_to'],
  ['tool', 'pdm', 'build', 'version', 'write_to']
]

function versionFilesOf(document: Record<string, unknown>): string[] {
  return VERSION_FILE_SETTINGS.flatMap(keys => {
    let value: unknown = document
    for (const key of keys) value = isRecord(value) ? value[key] : undefined
    return typeof value === 'string' ? [value.replace(/^\.\//, '')] : []
  })
}

function dependencyGroupsOf(table: unknown): Record<string, string[]> {
  if (!isRecord(table)) return {}
  const expand = (name: string, seen: Set<string>): string[] => {
    const entries = table[name]
    if (!Array.isArray(entries) || seen.has(name)) return []
    seen.add(name)
    return entries.flatMap((entry: unknown) =>
      typeof entry === 'string'
        ? [entry]
        : isRecord(entry) && typeof entry['include-group'] === 'string'
          ? expand(entry['include-group'], seen)
          : []
    )
  }
  return Object.fromEntries(Object.keys(table).map(name => [name, expand(name, new Set())]))
}

function entryPointTargets(table: Record<string, unknown>): Record<string, string> {
  const groups: [string, unknown][] = [
    ['console_scripts', table.scripts],
    ['gui_scripts', table['gui-scripts']],
    ...(isRecord(table['entry-points']) ? Object.entries(table['entry-points']) : [])
  ]
  return Object.fromEntries(
    groups.flatMap(([group, names]) =>
      isRecord(names)
        ? Object.entries(names).map(([n, target]) => [`${group}: ${n}`, String(target)])
        : []
    )
  )
}

function stringField<K extends string>(
  table: Record<string, unknown>,
  key: string,
  as: K
): Partial<Record<K, string>> {
  const value = table[key]
  return typeof value === 'string' ? ({ [as]: value } as Record<K, string>) : {}
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(v => typeof v === 'string')
}
