/**
 * Python module names of an archive's files: `src/` layouts are installed without the `src/` folder,
 * and a wheel's paths are already install paths.
 */

/** `src/pkg/sub/__init__.py` → `pkg.sub`; `pkg/helpers.py` → `pkg.helpers`; undefined for a non-module. */
export function moduleName(path: string): string | undefined {
  if (!path.endsWith('.py')) return undefined
  const parts = path
    .replace(/^src\//, '')
    .replace(/\.py$/, '')
    .split('/')
  if (parts[parts.length - 1] === '__init__') parts.pop()
  if (!parts.length || !parts.every(part => /^[A-Za-z_]\w*$/.test(part))) return undefined
  return parts.join('.')
}

/** The top-level import package (or single module) a file belongs to: `src/pkg/x.py` → `pkg`. */
export function importPackage(path: string): string {
  const inside = path.replace(/^src\//, '')
  const top = inside.split('/')[0] ?? inside
  return inside.includes('/') ? top : top.replace(/\.py$/, '')
}

/** The package a module's relative imports start from: the module's own for `__init__.py`. */
export function packageOf(path: string): string | undefined {
  const name = moduleName(path)
  if (name === undefined) return undefined
  if (path.endsWith('/__init__.py') || path === '__init__.py') return name
  return name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : ''
}

/**
 * The import packages an archive holds: top-level folders with an `__init__.py` somewhere below (a
 * namespace package has them only in its leaves), and top-level modules. A `scripts/` folder of
 * developer tasks is none.
 */
export function importPackages(paths: Iterable<string>): Set<string> {
  const packages = new Set<string>()
  for (const path of paths) {
    const inside = path.replace(/^src\//, '')
    if (/\/__init__\.py$/.test(inside) || (!inside.includes('/') && inside.endsWith('.py')))
      packages.add(importPackage(path))
  }
  return packages
}
