import { importPackage } from './modules.js'

/**
 * Whether a module's import-time code (module level and class bodies) may call one of the package's own
 * functions: a function it defines, a name it imports from the package (`from .helpers import fetch`,
 * `from pkg.helpers import fetch`), or a function of a package module it imports (`helpers.fetch()`).
 * A cheap reading of the text that decides which modules are parsed for call chains.
 */
export function mayCallOwnOnImport(path: string, text: string): boolean {
  const names = ownNames(path, text)
  if (!names.length) return false
  const called = new RegExp(`(?:^|[^\\w.])(?:${names.join('|')})(?:\\.[\\w.]+)?\\s*\\(`)
  return importTimeLines(text).some(line => called.test(line))
}

/** Functions defined at column 0. */
export function moduleFunctions(text: string): string[] {
  return [...text.matchAll(/^(?:async[ \t]+)?def[ \t]+(\w+)/gm)].map(m => m[1] ?? '')
}

/** `from .x import y`, `from pkg.x import y`, `import pkg.x`: the module reaches into its own package. */
export function importsOwnPackage(path: string, text: string): boolean {
  const own = importPackage(path).replace(/[^\w]/g, '')
  return new RegExp(`^[ \\t]*(?:from[ \\t]+\\.|(?:from|import)[ \\t]+${own}\\b)`, 'm').test(text)
}

function ownNames(path: string, text: string): string[] {
  const names = new Set<string>()
  for (const name of moduleFunctions(text)) names.add(name)
  const own = importPackage(path)
  const source = text.replace(/\\\r?\n/g, ' ')
  for (const [, from, list] of source.matchAll(
    /^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)/gm
  )) {
    if (!from!.startsWith('.') && from!.split('.')[0] !== own) continue
    for (const part of list!.replace(/[()]/g, '').split(','))
      names.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop() ?? ''
      )
  }
  for (const [, list] of source.matchAll(/^[ \t]*import[ \t]+([^\n]*)/gm))
    for (const part of list!.split(',')) {
      const [module = '', alias] = part.trim().split(/\s+as\s+/)
      if (module.split('.')[0] === own) names.add(alias ?? own)
    }
  names.delete('')
  names.delete('*')
  return [...names].filter(name => /^\w+$/.test(name))
}

/**
 * Lines that run on import: statements at module level, in top-level blocks (`if`, `try`, …) and in
 * class bodies, outside the functions defined there.
 */
function importTimeLines(text: string): string[] {
  const lines: string[] = []
  let inFunction = false
  let defIndent = -1
  for (const line of text.split('\n')) {
    const code = line.trimStart()
    if (!code || code.startsWith('#')) continue
    const indent = line.length - code.length
    const defines = /^(?:async\s+)?def\b/.test(code)
    if (indent === 0) {
      inFunction = defines
      defIndent = -1
    } else if (inFunction || (defIndent >= 0 && indent > defIndent)) continue
    else defIndent = defines ? indent : -1
    if (!defines && !code.startsWith('@')) lines.push(code)
  }
  return lines
}
