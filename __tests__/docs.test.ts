import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RULES } from '../src/judge/registry.js'
import { REPO } from './helpers/run-dist.js'

describe('README rule reference', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8')
  it.each(RULES.map(rule => [rule.id, rule.defaultSeverity]))(
    'lists %s with default %s',
    (id, severity) => {
      expect(readme).toMatch(new RegExp(`^\\|\\s*\`${id}\`\\s*\\|\\s*${severity}\\s*\\|`, 'm'))
    }
  )
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
