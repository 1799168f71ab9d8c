import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RULES } from '../src/judge/registry.js'
import { PIN_RULES } from '../src/judge/dependency-pins.js'
import { REPO } from './helpers/run-dist.js'

describe('the rule reference, docs/rules.md', () => {
  const rules = readFileSync(join(REPO, 'docs', 'rules.md'), 'utf8')
  it.each([...RULES, ...PIN_RULES].map(rule => [rule.id, rule.defaultSeverity]))(
    'lists %s with default %s',
    (id, severity) => {
      expect(rules).toMatch(new RegExp(`^\\|\\s*\`${id}\`\\s*\\|\\s*${severity}\\s*\\|`, 'm'))
    }
  )
})

describe('the README', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8')
  const lines = readme.split('\n')
  it('is short, with a pull-request workflow pinned by SHA in its first 80 lines', () => {
    expect(lines.length).toBeLessThanOrEqual(250)
    const top = lines.slice(0, 80).join('\n')
    expect(top).toMatch(/^on: pull_request$/m)
    expect(top).toMatch(/^ {6}- uses: sdist-diff\/sdist-diff@<commit-sha> # v\d+\.\d+\.\d+$/m)
    expect(top).toContain('pull-requests: write')
    expect(top).toContain('pip install build')
  })

  it('links only to files that exist', () => {
    const links = [...readme.matchAll(/\]\(((?:docs\/|[A-Z]+\.md)[^)#]*)\)/g)].map(m => m[1] ?? '')
    expect(links.length).toBeGreaterThan(8)
    expect(links.filter(link => !existsSync(join(REPO, link)))).toEqual([])
  })
})

describe('README input and output tables', () => {
  it('match action.yml (regenerate with node scripts/action-docs.mjs)', async () => {
    const { actionTables, withTables } = await import('../scripts/action-docs.mjs')
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8')
    const tables = actionTables(readFileSync(join(REPO, 'action.yml'), 'utf8'))
    expect(withTables(readme, tables)).toBe(readme)
  })
})

describe('the committed picture of the comment', () => {
  it('docs/comment.html is the current Markdown of the example pair (regenerate with npm run screenshot)', async () => {
    const { commentHtml, commentMarkdown } = await import('../scripts/screenshot.mjs')
    expect(readFileSync(join(REPO, 'docs', 'comment.html'), 'utf8')).toBe(
      commentHtml(commentMarkdown())
    )
  })
})
