import type { Comparison } from '../compare/comparison.js'
import { entryText } from '../read/decode-text.js'
import type { Sdist } from '../read/types.js'
import { readPythonMentions } from './python-mentions.js'
import type { ReadLimits } from '../read/read-archive.js'
import { analyseCode, isPackageCode } from './code.js'
import { findSecrets, redactor, type TextFile } from './secrets.js'

/**
 * The analysis stage, between compare and judge: what the content of the files a release adds or
 * changes (every file of a first release) holds: secrets (`current.secrets`; every secret value, on
 * either side, is redacted from what the report shows) and code behaviours (`current.code`).
 */
export async function analyse(comparison: Comparison, limits: ReadLimits): Promise<Comparison> {
  const { pair } = comparison
  const current = comparison.current.current
  const changed = pair
    ? [
        ...pair.files.added,
        ...pair.files.modified,
        ...pair.files.typeChanged,
        ...pair.files.renamed.map(r => r.to)
      ].sort()
    : [...current.entries.keys()].filter(path => current.entries.get(path)?.type !== 'dir').sort()
  const added = pair ? [...pair.files.added, ...pair.files.renamed.map(r => r.to)].sort() : changed
  // One side at a time: secretlint's working copies of a batch are several times its size.
  const now = [
    ...(await findSecrets(textFiles(current, changed))),
    // A token can be a file's name, which no listing need hold (line 0: the name itself).
    ...(await findSecrets(added.map(path => ({ path, text: path })))).map(hit => ({
      ...hit,
      line: 0
    }))
  ]
  const before = pair ? await findSecrets(textFiles(pair.previous, pair.files.modified)) : []
  const code = await analyseCode(current, changed, pair)
  if (pair && code.capabilitiesAdded.length) {
    // Rare: the release adds a kind of behaviour. Did any module of the previous release have it?
    const previous = await readPythonMentions(pair.previous.file, limits, isPackageCode)
    const had = new Set([...previous.values()].flat())
    code.capabilitiesAdded = code.capabilitiesAdded.filter(f => !had.has(f.behaviour))
  }
  const known = new Set(before.map(hit => `${hit.path}\0${hit.value}`))
  const found = now.filter(hit => !known.has(`${hit.path}\0${hit.value}`))
  return {
    ...comparison,
    current: {
      ...comparison.current,
      changed,
      added,
      secrets: found,
      code
    },
    redact: redactor([...now, ...before].map(hit => hit.value))
  }
}

function textFiles(sdist: Sdist, paths: string[]): TextFile[] {
  return paths.flatMap(path => {
    const text = entryText(sdist.entries.get(path))
    return text === undefined ? [] : [{ path, text }]
  })
}
