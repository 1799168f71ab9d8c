import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { marked, type Tokens } from 'marked'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { Report } from '../../src/report/types.js'
import { renderMarkdown } from '../../src/render/markdown.js'
import { readArchive } from '../../src/read/read-archive.js'
import { ArchiveError, type Archive } from '../../src/read/types.js'
import { SEED_RC3, tempDir } from '../helpers/sdist.js'

describe('the archive reader on mutated real archives', () => {
  const gzipped = readFileSync(SEED_RC3)
  const tar = gunzipSync(gzipped)
  const dir = tempDir()
  const mutation = fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
    minLength: 1,
    maxLength: 8
  })

  function mutate(source: Buffer, changes: { at: number; byte: number }[], cut?: number): Buffer {
    const copy = Buffer.from(source.subarray(0, cut ?? source.length))
    for (const { at, byte } of changes) if (copy.length) copy[at % copy.length] = byte
    return copy
  }

  async function readsOrRefuses(bytes: Buffer, name: string): Promise<void> {
    const file = join(dir, name)
    writeFileSync(file, bytes)
    const outcome: Archive | Error = await readArchive(file).catch((error: Error) => error)
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(ArchiveError)
      expect(outcome.message.startsWith(file)).toBe(true)
    } else expect(outcome.entries.has('PKG-INFO')).toBe(true)
  }

  it('mutated tar bytes: a report or a clear ArchiveError, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutation,
        fc.option(fc.nat({ max: tar.length }), { nil: undefined }),
        async (changes, cut) => {
          await readsOrRefuses(gzipSync(mutate(tar, changes, cut)), 'mutated-tar.tar.gz')
        }
      ),
      { numRuns: 150 }
    )
  })

  it('mutated gzip bytes: a report or a clear ArchiveError, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async changes => {
        await readsOrRefuses(mutate(gzipped, changes), 'mutated-gzip.tar.gz')
      }),
      { numRuns: 150 }
    )
  })
})

/** A report whose every untrusted string comes from the fuzzer. */
function reportWith(path: string, message: string, body: string): Report {
  const side = {
    name: message.slice(0, 20) || 'x',
    version: '1.0',
    filename: `${path}.tar.gz`,
    sha256: '0'.repeat(64)
  }
  return {
    schemaVersion: 1,
    previous: side,
    current: { ...side, version: '1.1' },
    risk: 'high',
    findings: [{ rule: 'file-added', severity: 'high', message, path }],
    files: {
      added: [path],
      removed: [],
      modified: [path],
      renamed: [{ from: message, to: path }],
      modeChanged: [],
      typeChanged: [],
      unchanged: 0
    },
    diffs: [
      {
        path,
        kind: 'text',
        patch: `--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-${body}\n+${message}`,
        oldSize: 1,
        newSize: 2,
        oldSha256: 'a',
        newSha256: 'b'
      }
    ]
  }
}

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(
    '`',
    '```',
    '|',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '@octocat',
    '@org/team',
    '<!--',
    '-->',
    '</details>',
    '\n',
    '\r\n',
    '[x](javascript:alert(1))',
    '\\|',
    '*',
    '_',
    '#'
  ),
  fc
    .array(fc.constantFrom('`', '|', '<', '>', '@', 'a', '\n', '</code>', '</summary>', '&lt;'), {
      maxLength: 20
    })
    .map(parts => parts.join(''))
)

describe('the Markdown renderer on arbitrary names and contents', () => {
  it('keeps untrusted text inside its cell, span or fence: no HTML tag, no mention, no broken table', () => {
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, (path, message, body) => {
        const markdown = renderMarkdown(reportWith(path, message, body))
        const html = marked.parse(markdown, { async: false }) as string
        expect(html).not.toMatch(/<(img|script|a|iframe|svg)\b/i)
        const outsideCode = html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '')
        expect(outsideCode).not.toMatch(/(^|[^\w\u200b])@[A-Za-z0-9]/)
        const tokens = marked.lexer(markdown)
        const tables = tokens.filter((t): t is Tokens.Table => t.type === 'table')
        expect(tables.map(t => t.header.length)).toEqual([3, 2])
        for (const table of tables)
          for (const row of table.rows) expect(row).toHaveLength(table.header.length)
        const fences = (html.match(/<pre><code class="language-diff">/g) ?? []).length
        expect(fences).toBe(1)
      }),
      { numRuns: 400 }
    )
  })
})
