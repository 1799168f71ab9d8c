import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadConfig, parseConfig } from '../src/config/load-config.js'
import { runCli } from './helpers/target.js'
import { runAction } from './helpers/runner.js'
import { SEED_RC2, SEED_RC3, tempDir } from './helpers/sdist.js'

describe('config file', () => {
  it('reads severities, off switches and ignored paths', async () => {
    const config = await parseConfig(
      'rules:\n  requires-python-narrowed: medium\n  file-added: off\n  classifier-removed: false\nignore-paths:\n  - "docs/**"\n'
    )
    expect(config).toEqual({
      rules: {
        'requires-python-narrowed': 'medium',
        'file-added': 'off',
        'classifier-removed': 'off'
      },
      ignorePaths: ['docs/**'],
      accept: []
    })
    expect(await parseConfig('')).toEqual({ rules: {}, ignorePaths: [] })
    expect(
      await parseConfig(
        'rules:\n  file-added: " HIGH "\naccept:\n  - rule: file-added\n    reason: " new "\n'
      )
    ).toEqual({
      rules: { 'file-added': 'high' },
      ignorePaths: [],
      accept: [{ rule: 'file-added', reason: 'new' }]
    })
  })

  it.each([
    [
      'rules:\n  no-such-rule: high\n',
      /config x\.yml: unknown rule "no-such-rule" under "rules" \(known rules: unsafe-archive-entry, /
    ],
    [
      'rules:\n  file-added: severe\n',
      /rules\.file-added must be one of info, low, medium, high, off; got "severe"/
    ],
    ['ignore-paths: docs\n', /"ignore-paths" must be a list of glob strings/],
    ['rule:\n  file-added: off\n', /unknown key "rule" \(allowed: rules, ignore-paths, accept\)/],
    ['rules: [\n', /is not valid YAML/],
    ['rules: 5\n', /"rules" must map rule ids to a severity or off/],
    ['accept: x\n', /"accept" must be a list of \{rule, match, reason\}/],
    ['accept:\n  - 5\n', /accept\[0\] must be a mapping with rule and reason/],
    [
      'accept:\n  - rule: nope\n    reason: r\n',
      /accept\[0\]\.rule must be a known rule id; got "nope"/
    ],
    ['accept:\n  - reason: r\n', /accept\[0\]\.rule must be a known rule id; got "undefined"/],
    ['accept:\n  - rule: file-added\n', /accept\[0\]\.reason must say why the change is intended/],
    ['accept:\n  - rule: file-added\n    reason: " "\n', /accept\[0\]\.reason must say why/],
    [
      'accept:\n  - rule: file-added\n    reason: r\n    match: ""\n',
      /accept\[0\]\.match must be a non-empty string/
    ],
    [
      'accept:\n  - rule: file-added\n    reason: r\n    why: x\n',
      /accept\[0\]: unknown key "why" \(allowed: rule, match, reason\)/
    ],
    ['ignore-paths:\n  - " "\n', /"ignore-paths" must be a list of glob strings/],
    ['- a\n', /must be a mapping/]
  ])('rejects %j with a clear message', async (text, message) => {
    await expect(parseConfig(text, 'x.yml')).rejects.toThrow(message)
  })

  it('may be absent at the default path but not when named', async () => {
    const missing = join(tempDir(), 'nope.yml')
    await expect(loadConfig(missing, false)).resolves.toEqual({ rules: {}, ignorePaths: [] })
    await expect(loadConfig(missing, true)).rejects.toThrow(/cannot be read \(ENOENT\)/)
  })

  it('is capped at 1 MiB: one byte past it is refused with a clear message, before any parsing', async () => {
    const dir = tempDir()
    const rules = 'rules:\n  requires-python-narrowed: low\n'
    const padded = (size: number) => rules + '#'.repeat(size - rules.length - 1) + '\n'
    const atCap = join(dir, 'at-cap.yml')
    writeFileSync(atCap, padded(1 << 20))
    await expect(loadConfig(atCap, true)).resolves.toMatchObject({
      rules: { 'requires-python-narrowed': 'low' }
    })
    const over = join(dir, 'over.yml')
    writeFileSync(over, padded((1 << 20) + 1))
    const refused = await runCli([SEED_RC2, SEED_RC3, '--config', over])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(
      `${over}: is larger than 1 MiB; a config file holds rules, ignore-paths and accept entries, far less than that`
    )
  })

  it('is applied by the CLI with --config, and a bad one exits 2', async () => {
    const dir = tempDir()
    const good = join(dir, 'good.yml')
    writeFileSync(good, 'rules:\n  requires-python-narrowed: low\n')
    const relaxed = await runCli([SEED_RC2, SEED_RC3, '--config', good, '--format', 'json'])
    expect(relaxed.code).toBe(0)
    expect(JSON.parse(relaxed.stdout).risk).toBe('low')
    const strict = await runCli([SEED_RC2, SEED_RC3])
    expect(strict.code).toBe(1)
    const bad = join(dir, 'bad.yml')
    writeFileSync(bad, 'rules:\n  nope: high\n')
    const refused = await runCli([SEED_RC2, SEED_RC3, '--config', bad])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/config .*bad\.yml: unknown rule "nope"/)
  })

  it('is read by the action from the default path in the workspace', async () => {
    const workspace = tempDir()
    mkdirSync(join(workspace, '.github'))
    writeFileSync(
      join(workspace, '.github', 'sdist-diff.yml'),
      'rules:\n  requires-python-narrowed: off\n'
    )
    const result = await runAction({
      with: { previous: SEED_RC2, current: SEED_RC3 },
      cwd: workspace
    })
    expect(result.code).toBe(0)
    // With the narrowing not reported, the dropped 3.11 classifier is its own (low) finding again.
    expect(result.outputs.risk).toBe('low')
  })
})
