import type { ArchivePair } from '../compare/comparison.js'
import { scanText } from '../read/decode-text.js'
import { readTexts } from '../read/read-texts.js'
import type { Archive, Entry } from '../read/types.js'
import { reachedOnImport, type ModuleSide } from './call-chains.js'
import { moduleName } from './modules.js'
import { importsOwnPackage, moduleFunctions } from './own-calls.js'
import { mayHaveBehaviour } from './preselect.js'
import { moduleFacts, type ParseModule as Parse } from './parse-cache.js'
import type { CodeBehaviour, ModuleFacts } from './python-code.js'

/**
 * Behaviours the roots (changed modules whose import-time code calls the package's own functions) run
 * on import through those functions, and what the same roots ran so in the previous release. A module
 * the release did not change is read again from the archive, once, only when a chain needs it.
 */
export async function chainsOnImport(
  parse: Parse,
  current: Archive,
  roots: string[],
  pair?: ArchivePair
): Promise<{ now: CodeBehaviour[]; before: CodeBehaviour[] }> {
  const now = currentSide(parse, current)
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

function currentSide(parse: Parse, current: Archive): ModuleSide {
  const parsed = new Map<string, ModuleFacts | undefined>()
  let reread: Promise<Map<string, string>> | undefined
  return {
    modules: pythonModules(current),
    async facts(path) {
      if (parsed.has(path)) return parsed.get(path)
      let text = scanText(current.entries.get(path))
      if (text === undefined && current.entries.get(path)?.type === 'file') {
        reread ??= readTexts(
          current.file,
          p => p.endsWith('.py') && scanText(current.entries.get(p)) === undefined
        )
        text = (await reread).get(path)
      }
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
