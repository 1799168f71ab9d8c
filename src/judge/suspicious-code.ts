import { entryText } from '../read/decode-text.js'
import type { Sdist } from '../read/types.js'
import type { Rule } from './types.js'

/** Files that run when pip builds the sdist. */
const BUILD_FILE =
  /^(?:setup\.py|[^/]*build[^/]*\.py|_?build_backend\/.*\.py|hatch_build\.py|conftest\.py)$/

const PATTERNS: [string, RegExp][] = [
  [
    'decodes and executes data',
    /\b(?:exec|eval)\s*\([^)]*(?:b64decode|b32decode|a85decode|decompress|unhexlify|fromhex|marshal\.loads|codecs\.decode|rot13)/
  ],
  ['decodes and executes data', /\b(?:marshal|pickle)\.loads\s*\(/],
  [
    'downloads at build time',
    /\b(?:urlopen|urlretrieve|requests\.(?:get|post)|httpx\.|http\.client|urllib3\.|socket\.socket|wget|curl\s)/
  ],
  [
    'spawns shells or processes',
    /\b(?:os\.system|os\.popen|subprocess\.(?:run|call|Popen|check_output|check_call|getoutput)|pty\.spawn|os\.exec\w*)\s*\(/
  ],
  [
    'hides code in encoded strings',
    /\b(?:b64decode|b32decode|a85decode|zlib\.decompress|codecs\.decode)\s*\(/
  ],
  ['loads code dynamically', /\b(?:__import__|compile)\s*\(\s*[^'"\s]/]
]

/** How often each behaviour appears in a file's text. */
function behaviours(text: string): Map<string, string[]> {
  const found = new Map<string, string[]>()
  for (const line of text.split('\n')) {
    for (const [label, pattern] of PATTERNS) {
      const match = pattern.exec(line)
      if (match) found.set(label, [...(found.get(label) ?? []), match[0].trim()])
    }
  }
  return found
}

function buildFiles(sdist: Sdist): string[] {
  return [...sdist.entries.keys()].filter(path => BUILD_FILE.test(path))
}

export const suspiciousCode: Rule = {
  id: 'suspicious-code',
  defaultSeverity: 'high',
  description:
    'setup.py or a build hook gained code that decodes and executes data, downloads at build time, or spawns shells.',
  check: ({ previous, current }) =>
    buildFiles(current).flatMap(path => {
      const now = behaviours(entryText(current.entries.get(path)) ?? '')
      const before = behaviours(entryText(previous.entries.get(path)) ?? '')
      return [...now]
        .filter(([label, hits]) => hits.length > (before.get(label)?.length ?? 0))
        .map(([label, hits]) => ({
          path,
          message: `${path} gained code that ${label} (${[...new Set(hits)].slice(0, 3).join(', ')}); it runs on every machine that builds this sdist`
        }))
    })
}
