import { CHAIN_DEPTH, type ModuleSide } from './call-chains.js'
import { mayCallOwnOnImport } from './own-calls.js'

/** A top-level function of a module. */
export interface FunctionRef {
  path: string
  name: string
}

export interface TextSide {
  text(path: string): Promise<string | undefined>
}

/**
 * The modules whose import-time code may call one of the functions, directly or through at most
 * CHAIN_DEPTH functions: a module the release did not change can run a changed function on import.
 * Modules are picked by their text (a call by the name); reachedOnImport then resolves the calls.
 */
export async function callersOnImport(
  functions: FunctionRef[],
  side: ModuleSide & TextSide,
  isPackageCode: (path: string) => boolean
): Promise<string[]> {
  const roots = new Set<string>()
  const paths = [...side.modules.values()].filter(isPackageCode)
  const seen = new Set<string>()
  let frontier = functions
  for (let depth = 0; depth < CHAIN_DEPTH && frontier.length; depth++) {
    const next: FunctionRef[] = []
    for (const f of frontier) seen.add(`${f.path}\0${f.name}`)
    const called = new RegExp(
      `(?:^|[^\\w.])(?:${[...new Set(frontier.map(f => f.name))].join('|')})\\s*\\(|\\.\\s*(?:${[...new Set(frontier.map(f => f.name))].join('|')})\\s*\\(`,
      'm'
    )
    for (const path of paths) {
      const text = await side.text(path)
      if (text === undefined || !called.test(text)) continue
      if (mayCallOwnOnImport(path, text)) roots.add(path)
      const facts = await side.facts(path)
      for (const call of facts?.calls ?? []) {
        const name = call.callee.split('.').pop() ?? ''
        const within = call.within
        if (!within || within.includes('.') || !frontier.some(f => f.name === name)) continue
        if (!seen.has(`${path}\0${within}`)) next.push({ path, name: within })
      }
    }
    frontier = next
  }
  return [...roots]
}
