import { decodeText } from '../read/decode-text.js'
import { readSdist, type ReadLimits } from '../read/read-archive.js'

/**
 * What the Python files of an archive mention of the behaviours the code analysis looks for, read in
 * one streaming pass that keeps no text: `path → kinds`. Used only when a release adds a kind of
 * behaviour, to learn whether the previous release had it anywhere.
 */
const MENTIONS: [string, RegExp][] = [
  [
    'network',
    /\b(?:urllib[23]?|http\.client|httplib|socket|requests|httpx|aiohttp|ftplib|smtplib|telnetlib)\b/
  ],
  [
    'process',
    /\bsubprocess\b|\bos\.(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|fork)\b|\bpty\.spawn\b|\bfrom os import[^\n]*\b(?:system|popen|exec\w*|spawn\w*)\b/
  ],
  ['environment', /\bos\.environ\b|\bfrom os import[^\n]*\benviron\b/]
]

export function pythonMentions(text: string): string[] {
  return MENTIONS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind)
}

export async function readPythonMentions(
  file: string,
  limits: ReadLimits,
  wanted: (path: string) => boolean
): Promise<Map<string, string[]>> {
  const mentions = new Map<string, string[]>()
  await readSdist(file, limits, {
    side: 0,
    keeper: {
      track: (_side, entry) => {
        if (entry.content && wanted(entry.path))
          mentions.set(entry.path, pythonMentions(decodeText(entry.content)))
        delete entry.content
      }
    }
  })
  return mentions
}
