import { packageOf } from './modules.js'
import type { ChainStep, CodeBehaviour, ModuleFacts } from './python-code.js'

/**
 * How many calls of the package's own functions are followed from module level: `_setup()` at module
 * level, which calls `fetch()`, which calls `install()`, is three deep.
 */
export const CHAIN_DEPTH = 3

/** One side of a release, as the call chains read it. */
export interface ModuleSide {
  /** Every Python module of the side: dotted name → path. */
  modules: Map<string, string>
  /** A module's facts, parsed on first use; undefined when its text cannot be had. */
  facts(path: string): Promise<ModuleFacts | undefined>
}

interface Target {
  path: string
  name: string
}

/**
 * What runs on import through the package's own functions: from each root module's module-level
 * calls (and class bodies), the behaviours of the functions they call, at most CHAIN_DEPTH calls deep,
 * each with the calls that lead to it (the shortest chain).
 */
export async function reachedOnImport(roots: string[], side: ModuleSide): Promise<CodeBehaviour[]> {
  const reached: CodeBehaviour[] = []
  const seen = new Set<string>()
  let level: { target: Target; via: ChainStep[] }[] = []
  for (const root of roots) {
    const facts = await side.facts(root)
    if (!facts) continue
    for (const call of facts.calls) {
      if (call.within !== undefined) continue
      const target = await resolveCall(root, call.callee, facts, side)
      if (target)
        level.push({ target, via: [{ path: root, line: call.line, callee: call.callee }] })
    }
  }
  for (let depth = 1; depth <= CHAIN_DEPTH && level.length; depth++) {
    const next: typeof level = []
    for (const { target, via } of level) {
      const id = `${target.path}\0${target.name}`
      if (seen.has(id)) continue
      seen.add(id)
      const facts = await side.facts(target.path)
      if (!facts) continue
      for (const found of facts.behaviours)
        if (found.within === target.name) reached.push({ ...found, level: 'module', via })
      if (depth === CHAIN_DEPTH) continue
      for (const call of facts.calls) {
        if (call.within !== target.name) continue
        const callee = await resolveCall(target.path, call.callee, facts, side)
        if (callee)
          next.push({
            target: callee,
            via: [...via, { path: target.path, line: call.line, callee: call.callee }]
          })
      }
    }
    level = next
  }
  return reached
}

/**
 * The package function a call names: a function of the same module (`_setup`), or of another module
 * of the side (`.helpers.fetch`, `pkg.helpers.fetch`), through one re-export (`from .helpers import
 * fetch` in `pkg/__init__.py`).
 */
async function resolveCall(
  from: string,
  callee: string,
  facts: ModuleFacts,
  side: ModuleSide,
  hops = 0
): Promise<Target | undefined> {
  if (!callee.includes('.'))
    return facts.functions.includes(callee) ? { path: from, name: callee } : undefined
  const absolute = absoluteName(from, callee)
  const parts = absolute?.split('.') ?? []
  const name = parts.pop()
  const path = side.modules.get(parts.join('.'))
  if (!name || !path) return undefined
  const owner = path === from ? facts : await side.facts(path)
  if (!owner) return undefined
  if (owner.functions.includes(name)) return { path, name }
  const imported = owner.imported[name]
  return imported && hops < 2 ? resolveCall(path, imported, owner, side, hops + 1) : undefined
}

/** `.helpers.fetch` in `pkg/__init__.py` → `pkg.helpers.fetch`; `..x.f` in `pkg/sub/m.py` → `pkg.x.f`. */
function absoluteName(from: string, callee: string): string | undefined {
  const dots = /^\.*/.exec(callee)?.[0].length ?? 0
  if (!dots) return callee
  const base = packageOf(from)?.split('.').filter(Boolean)
  if (!base || dots - 1 > base.length) return undefined
  return [...base.slice(0, base.length - (dots - 1)), callee.slice(dots)].filter(Boolean).join('.')
}
