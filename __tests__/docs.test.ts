import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { RULES } from '../src/rules/registry.js'
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
