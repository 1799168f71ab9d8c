import type { Entry } from '../read/types.js'
import type { ModuleFacts, pythonModule } from './python-code.js'

export type ParseModule = typeof pythonModule

/**
 * Module facts by content (sha256 and how it was decoded): a wheel's copy of a module the sdist of its
 * release holds, or a module both the behaviours and the call chains read, is parsed once. Cleared
 * past a bound: a long-lived process keeps few.
 */
const byContent = new Map<string, ModuleFacts>()
const KEPT = 4096

export function moduleFacts(
  parse: ParseModule,
  path: string,
  entry: Entry | undefined,
  text: string
): ModuleFacts {
  const key = entry && `${entry.sha256}\0${entry.binary ? 'binary' : 'python'}\0${text.length}`
  let facts = key === undefined ? undefined : byContent.get(key)
  if (!facts) {
    facts = parse(path, text)
    if (byContent.size >= KEPT) byContent.clear()
    if (key !== undefined) byContent.set(key, facts)
  }
  if (facts.behaviours.every(b => b.path === path)) return facts
  return { ...facts, behaviours: facts.behaviours.map(b => ({ ...b, path })) }
}
