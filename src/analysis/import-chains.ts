import type { ArchivePair } from '../compare/comparison.js'
import { scanText } from '../read/decode-text.js'
import { readTexts } from '../read/read-texts.js'
import type { Archive, Entry } from '../read/types.js'
import { reachedOnImport, type ModuleSide } from './call-chains.js'
import { callersOnImport, type FunctionRef, type TextSide } from './callers.js'
import { moduleName } from './modules.js'
import { importsOwnPackage, moduleFunctions } from './own-calls.js'
import { mayHaveBehaviour } from './preselect.js'
import { moduleFacts, type ParseModule as Parse } from './parse-cache.js'
import type { CodeBehaviour, ModuleFacts } from './python-code.js'

/**
 * Behaviours the roots run on import through the package's own functions, and what the same roots ran
 * so in the previous release. The roots are the changed modules whose import-time code calls the
 * package's own functions, and the modules whose import-time code calls (through at most CHAIN_DEPTH
 * functions) a function the release gave a new behaviour. A module the release did not change is read
 * again from the archive, once, only when a chain needs it.
 */
export async function chainsOnImport(
  parse: Parse,
  current: Archive,
  changed: { roots: string[]; gained: FunctionRef[]; isPackageCode: (path: string) => boolean },
  pair?: ArchivePair
): Promise<{ now: CodeBehaviour[]; before: CodeBehaviour[] }> {
  const now = currentSide(parse, current)
  const callers = changed.gained.length
    ? await callersOnImport(changed.gained, now, changed.isPackageCode)
    : []
  const roots = [...new Set([...changed.roots, ...callers])]
  const found = await reachedOnImport(roots, now)
  if (!found.length || !pair) return { now: found, before: [] }
  const then = previousSide(parse, pair, now)
  const before = await reachedOnImport(
    roots.filter(path => pair.previous.entries.has(path)),
    then
  )
  return { now: found, before }
}

function pythonModules(archive: Archive): Map<string, string> {
  const modules = new Map<string, string>()
  for (const path of archive.entries.keys()) {
    const name = moduleName(path)
    if (name !== undefined && !modules.has(name)) modules.set(name, path)
  }
  return modules
}

function currentSide(parse: Parse, current: Archive): ModuleSide & TextSide {
  const parsed = new Map<string, ModuleFacts | undefined>()
  let reread: Promise<Map<string, string>> | undefined
  const textOf = async (path: string) => {
    const text = scanText(current.entries.get(path))
    if (text !== undefined || current.entries.get(path)?.type !== 'file') return text
    reread ??= readTexts(
      current.file,
      p => p.endsWith('.py') && scanText(current.entries.get(p)) === undefined
    )
    return (await reread).get(path)
  }
  return {
    modules: pythonModules(current),
    text: textOf,
    async facts(path) {
      if (parsed.has(path)) return parsed.get(path)
      const text = await textOf(path)
      const facts =
        text === undefined ? undefined : factsOf(parse, path, current.entries.get(path), text)
      parsed.set(path, facts)
      return facts
    }
  }
}

/**
 * A module with no behaviour of its own and no import of its own package reaches nothing through its
 * functions: it is not parsed, only its functions listed.
 */
function factsOf(parse: Parse, path: string, entry: Entry | undefined, text: string): ModuleFacts {
  if (mayHaveBehaviour(text) || importsOwnPackage(path, text))
    return moduleFacts(parse, path, entry, text)
  return { behaviours: [], calls: [], functions: moduleFunctions(text), imported: {} }
}

/** The previous release: its own copy of a changed module, the current one's of an unchanged module. */
function previousSide(parse: Parse, pair: ArchivePair, now: ModuleSide): ModuleSide {
  const parsed = new Map<string, ModuleFacts | undefined>()
  return {
    modules: pythonModules(pair.previous),
    async facts(path) {
      const then = pair.previous.entries.get(path)
      if (then && then.sha256 === pair.current.entries.get(path)?.sha256) return now.facts(path)
      if (parsed.has(path)) return parsed.get(path)
      const text = scanText(then)
      const facts = text === undefined ? undefined : factsOf(parse, path, then, text)
      parsed.set(path, facts)
      return facts
    }
  }
}
