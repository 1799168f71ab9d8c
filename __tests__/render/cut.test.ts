// Reports full of hostile text, rendered and cut at many budgets, then parsed with a real Markdown parser
// (marked, GitHub-flavoured): whatever the cut, no code span or fence is left open, nothing renders as
// HTML but the renderer's own tags, nobody is mentioned, and nothing links anywhere but the job summary.
import { describe, expect, it } from '@jest/globals'
import { marked, type Token } from 'marked'
import type { FileDiff } from '../../src/compare/file-diff.js'
import type { FileListChange } from '../../src/decide/expected-files.js'
import type { Finding } from '../../src/judge/types.js'
import { COMMENT_LIMIT, defaultCommentKey, renderComment } from '../../src/render/comment.js'
import { cutAtLines } from '../../src/render/cut.js'
import type { Report, RunReport } from '../../src/report/types.js'

const HINT_URL = 'https://github.com/octo-org/demo/actions/runs/4242'
const HINT = `The full report is in the [job summary](${HINT_URL}).`
const EVIL = [
  '`',
  '``a`',
  '<img src=https://evil.example/t.gif>',
  '@acme/security-team',
  '@octocat',
  'https://134744072/x',
  'www.evil.example',
  '<!-- x -->',
  '</details>',
  '```',
  '| cell |',
  '<script>alert(1)</script>'
]
const evil = (i: number, length = 1) =>
  Array.from({ length }, (_, j) => EVIL[(i + j) % EVIL.length]).join(' ')

function patch(i: number, lines: number): string {
  const body = Array.from({ length: lines }, (_, j) =>
    j % 3 === 0 ? `+${evil(i + j, 3)} ${'x'.repeat(j % 50)}` : ` context ${'`'.repeat(j % 7)} ${j}`
  )
  return ['--- a/f', '+++ b/f', '@@ -1 +1 @@', ...body].join('\n')
}

function diff(i: number, lines: number): FileDiff {
  const base = {
    path: `pkg/${evil(i, 2)}-${i}.py`,
    oldSize: 10,
    newSize: 20,
    oldSha256: 'a'.repeat(64),
    newSha256: 'b'.repeat(64)
  }
  return i % 4 === 3
    ? { ...base, kind: 'binary', note: `binary ${evil(i)}` }
    : { ...base, kind: 'text', patch: patch(i, lines) }
}

function report(i: number, size: number): Report {
  const severities = ['info', 'low', 'medium', 'high'] as const
  const findings: Finding[] = Array.from({ length: size * 3 }, (_, j) => ({
    rule: 'secret-added',
    severity: severities[j % 4] ?? 'high',
    message: `${evil(i + j, 4)} ${'m'.repeat(j % 200)}`,
    path: evil(j)
  }))
  const paths = Array.from({ length: size * 4 }, (_, j) => `src/${evil(i + j, 2)}/${j}.py`)
  const name = `${evil(i, 3)}-${'n'.repeat(100)}`
  return {
    schemaVersion: 1,
    previous: {
      name,
      version: `1.0${evil(i)}`,
      filename: `${name}.tar.gz`,
      sha256: 'c'.repeat(64)
    },
    current: { name, version: `2.0${evil(i)}`, filename: `${name}.tar.gz`, sha256: 'd'.repeat(64) },
    risk: 'high',
    findings,
    files: {
      added: paths.slice(0, size),
      removed: paths.slice(size, 2 * size),
      modified: paths.slice(2 * size),
      renamed: [{ from: evil(i, 2), to: evil(i + 1, 2), similarity: 80 }],
      modeChanged: [],
      typeChanged: [],
      unchanged: 3
    },
    diffs: Array.from({ length: size }, (_, j) => diff(i + j, 20 + ((i * 37 + j * 101) % 600)))
  }
}

function run(packages: number, size: number): RunReport {
  return {
    schemaVersion: 1,
    risk: 'high',
    packages: Array.from({ length: packages }, (_, i) => report(i, size))
  }
}

const ALLOWED_TAG = /^<\/?(details|summary|code|b)>$/
const MARKER = /^<!-- sdist-diff:comment key=[\w.,:@/+~-]* -->$/

/** Every way the Markdown could carry something live or left open, as a list of complaints. */
function problems(markdown: string): string[] {
  const found: string[] = []
  const tokens = marked.lexer(markdown)
  marked.walkTokens(tokens, (token: Token) => {
    if (token.type === 'html') {
      for (const tag of token.raw.match(/<!--[\s\S]*?-->|<\/?[a-z][^>]*>?/gi) ?? [])
        if (!ALLOWED_TAG.test(tag) && !MARKER.test(tag)) found.push(`raw HTML ${tag}`)
      if (/<!--(?![\s\S]*?-->)/.test(token.raw)) found.push('an open HTML comment')
      const shown = token.raw.replace(/<!--[\s\S]*?-->/g, '')
      if (/@\w/.test(shown)) found.push(`a mention in ${shown.slice(0, 80)}`)
    }
    if (token.type === 'code' && token.codeBlockStyle !== 'indented') {
      const open = /^(`{3,}|~{3,})/.exec(token.raw)?.[1] ?? ''
      const lines = token.raw.trimEnd().split('\n')
      const last = lines[lines.length - 1] ?? ''
      if (lines.length < 2 || !last.startsWith(open) || last.replace(/[`~]/g, '') !== '')
        found.push(`an open fence at ${token.raw.slice(0, 40)}`)
    }
    if (token.type === 'text' && !('tokens' in token && token.tokens?.length)) {
      if (token.raw.includes('`')) found.push(`an open code span: ${token.raw.slice(0, 80)}`)
      if (/@\w/.test(token.raw)) found.push(`a mention: ${token.raw.slice(0, 80)}`)
    }
    if (token.type === 'link' && token.href !== HINT_URL) found.push(`a link to ${token.href}`)
    if (token.type === 'image') found.push(`an image of ${token.href}`)
  })
  return found
}

const unexpected: FileListChange[] = Array.from({ length: 300 }, (_, i) => ({
  package: evil(i, 2),
  change: 'added',
  path: `${evil(i, 6)}/${'p'.repeat(300)}`
}))

describe('a comment cut to fit', () => {
  const runs = [run(1, 3), run(1, 60), run(4, 25), run(40, 6), run(120, 2)]
  const budgets = [1_200, 2_500, 4_000, 7_919, 15_000, 31_337, 50_000, COMMENT_LIMIT]

  it.each(runs.map((r, i) => [i, r] as const))(
    'opens and links nothing, at every budget (run %i)',
    (_, report) => {
      for (const limit of budgets) {
        for (const prefix of [undefined, { changes: unexpected, failing: true }]) {
          const body = renderComment(report, {
            key: defaultCommentKey(report),
            ...(prefix && { unexpected: prefix }),
            fullReportHint: HINT,
            limit
          })
          expect({ limit, problems: problems(body) }).toEqual({ limit, problems: [] })
          expect(body.length).toBeLessThanOrEqual(limit)
        }
      }
    }
  )

  it('says what it left out, and a fenced block cut open is closed', () => {
    const report = run(1, 60)
    const body = renderComment(report, { key: 'k', fullReportHint: HINT })
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body).toMatch(
      /_\d+ (diffs|findings|more file rows) left out to fit GitHub's size limit\./
    )

    const fenced = ['# t', '', '<details><summary>x</summary>', '', '````diff', ...'abcdefgh']
    const cut = cutAtLines([...fenced, '````', '', '</details>', ''].join('\n'), 66, t => t.length)
    expect(cut.text).toBe(
      '# t\n\n<details><summary>x</summary>\n\n````diff\na\nb\n````\n\n</details>\n'
    )
    expect(cut.leftOut).toBe('6 lines of code')
    expect(problems(cut.text)).toEqual([])
  })

  it('keeps whole table rows and names how many were left out', () => {
    const table = [
      '| A | B |',
      '|---|---|',
      ...Array.from({ length: 50 }, (_, i) => `| ${i} | x |`)
    ]
    const cut = cutAtLines(table.join('\n') + '\n', 100, t => t.length)
    const rows = cut.text.trimEnd().split('\n')
    expect(rows.every(row => /^\|.*\|$/.test(row))).toBe(true)
    expect(cut.leftOut).toBe(`${table.length - rows.length} table rows`)
  })

  it('measures bytes for the job summary', () => {
    const text = Array.from({ length: 100 }, () => '🔴 é').join('\n')
    const bytes = (t: string) => Buffer.byteLength(t)
    const cut = cutAtLines(text, 500, bytes)
    expect(bytes(cut.text)).toBeLessThanOrEqual(500)
    expect(bytes(cut.text)).toBeGreaterThan(480)
  })
})
