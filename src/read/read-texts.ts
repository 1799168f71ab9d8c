import { entryText } from './decode-text.js'
import { readArchive } from './read-archive.js'
import { dropText, type ContentKeeper } from './text-retention.js'

/**
 * The text of chosen files, read again from the archive's file: the first read kept only what a diff
 * can show, and the code analysis sometimes needs a module the release did not change.
 */
export async function readTexts(
  file: string,
  wanted: (path: string) => boolean
): Promise<Map<string, string>> {
  const keeper: ContentKeeper = {
    track: (_side, entry) => {
      if (!wanted(entry.path)) dropText(entry)
    },
    matched: (_side, path) => !wanted(path)
  }
  const archive = await readArchive(file, undefined, { keeper, side: 1 })
  const texts = new Map<string, string>()
  for (const [path, entry] of archive.entries) {
    const text = wanted(path) ? entryText(entry) : undefined
    if (text !== undefined) texts.set(path, text)
  }
  return texts
}
