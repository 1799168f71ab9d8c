import type { Comparison } from '../compare/comparison.js'
import { entryText } from '../read/decode-text.js'
import type { Sdist } from '../read/types.js'
import { findSecrets, redactor, type TextFile } from './secrets.js'

/**
 * The analysis stage, between compare and judge: what the files' content holds. Secrets in the files a
 * release adds or changes (every file of a first release) become `current.secrets`; every secret value,
 * on either side, is redacted from what the report shows.
 */
export async function analyse(comparison: Comparison): Promise<Comparison> {
  const { pair } = comparison
  const current = comparison.current.current
  const changed = pair
    ? [...pair.files.added, ...pair.files.modified, ...pair.files.renamed.map(r => r.to)]
    : [...current.entries.keys()]
  const [now, before] = await Promise.all([
    findSecrets(textFiles(current, changed)),
    pair ? findSecrets(textFiles(pair.previous, pair.files.modified)) : []
  ])
  const known = new Set(before.map(hit => `${hit.path}\0${hit.value}`))
  const added = now.filter(hit => !known.has(`${hit.path}\0${hit.value}`))
  return {
    ...comparison,
    current: { ...comparison.current, secrets: added },
    redact: redactor([...now, ...before].map(hit => hit.value))
  }
}

function textFiles(sdist: Sdist, paths: string[]): TextFile[] {
  return paths.flatMap(path => {
    const text = entryText(sdist.entries.get(path))
    return text === undefined ? [] : [{ path, text }]
  })
}
