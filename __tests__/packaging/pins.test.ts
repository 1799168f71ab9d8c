// The pins of a project's dependency files (issue 31): each format read as its reference reader reads
// it (pip's own requirements-file parser with packaging's Requirement; tomllib, json and
// packaging.pylock for the locks), the changes between two trees, includes, globs and bad files.
import { beforeAll, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  dependencyFiles,
  diffPins,
  readPins,
  type Pin,
  type PinChange,
  type PinSet
} from '../../src/packaging/pins/index.js'

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'pins')
const ORACLE = join(FIXTURES, 'pins_oracle.py')

function treeOf(root: string): string[] {
  const paths: string[] = []
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else paths.push(relative(root, path).split(sep).join('/'))
    }
  }
  walk(root)
  return paths
}

const readerOf = (root: string) => (path: string) => {
  const file = join(root, path)
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined
}

function readTree(root: string): PinSet {
  return readPins(dependencyFiles(treeOf(root)), readerOf(root))
}

interface OraclePin {
  name: string
  version: string
  file: string
  hashes: { filename?: string; sha256: string }[]
}
type OracleResult = { pins: OraclePin[] } | { error: string }

function askOracle(root: string, files: string[]): Record<string, OracleResult> {
  const run = spawnSync('python3', [ORACLE], {
    input: JSON.stringify({ root, files }),
    cwd: root,
    encoding: 'utf8'
  })
  if (run.status !== 0) throw new Error(`${ORACLE} failed: ${run.stderr}`)
  return (JSON.parse(run.stdout) as { results: Record<string, OracleResult> }).results
}

/** A pin as text, hashes sorted, so that two readers' lists compare as multisets. */
function pinText(pin: OraclePin | Pin): string {
  const hashes = pin.hashes.map(h => `${h.filename ?? ''}=${h.sha256}`).sort()
  return `${pin.file} ${pin.name}==${pin.version} [${hashes.join(' ')}]`
}

const changeText = (change: PinChange) =>
  `${change.name} ${change.kind} ${change.previous?.version ?? '-'} → ${change.current?.version ?? '-'}`

/** The top files the reference reads: pip follows the includes of requirements.txt itself. */
const FORMATS: [string, string[]][] = [
  ['requirements', ['requirements.txt']],
  ['uv', ['uv.lock']],
  ['poetry', ['poetry.lock']],
  ['pdm', ['pdm.lock']],
  ['poetry-1.1', ['poetry.lock']],
  ['pdm-4.2', ['pdm.lock']],
  ['pylock', ['pylock.toml', 'pylock.dev.toml']],
  ['pipfile', ['Pipfile.lock']]
]

describe('each format', () => {
  // One run of the reference for every fixture: its paths are relative to FIXTURES.
  let answers: Record<string, OracleResult> = {}
  beforeAll(() => {
    const tops = FORMATS.flatMap(([format, files]) =>
      ['base', 'head'].flatMap(side => files.map(file => `${format}/${side}/${file}`))
    )
    answers = askOracle(FIXTURES, tops)
  })

  for (const [format, tops] of FORMATS)
    for (const side of ['base', 'head'])
      it(`reads ${format}/${side} as its reference reader does`, () => {
        const ours = readTree(join(FIXTURES, format, side))
        expect(ours.problems).toEqual([])
        const theirs = tops.flatMap(top => {
          const answer = answers[`${format}/${side}/${top}`]
          if (!answer || 'error' in answer) throw new Error(`${top}: ${JSON.stringify(answer)}`)
          return answer.pins.map(pin => ({
            ...pin,
            file: pin.file.replace(`${format}/${side}/`, '')
          }))
        })
        expect(theirs.length).toBeGreaterThan(0)
        expect(ours.pins.map(pinText).sort()).toEqual(theirs.map(pinText).sort())
      })

  it('detects the files by name, at any depth, outside vendored and installed trees', () => {
    const tree = treeOf(join(FIXTURES, 'requirements', 'base'))
    expect(dependencyFiles(tree)).toEqual([
      'constraints.txt',
      'requirements.txt',
      'requirements/base.txt',
      'requirements/dev.txt'
    ])
    const names = [
      'uv.lock',
      'sub/poetry.lock',
      'a/b/pdm.lock',
      'Pipfile.lock',
      'pylock.toml',
      'pylock.dev.toml',
      'requirements-dev.txt',
      'docs/requirements.txt',
      'constraints-ci.txt'
    ]
    const ignored = [
      'pylock.a.b.toml',
      'requirements.in',
      'other/dev.txt',
      '.venv/lib/python3.12/site-packages/pip/requirements.txt',
      'venv/requirements.txt',
      'node_modules/x/requirements.txt',
      'src/pkg/_vendor/requirements.txt',
      'vendor/uv.lock',
      '.git/uv.lock',
      '.tox/py312/requirements.txt',
      'README.md'
    ]
    expect(dependencyFiles([...ignored, ...names])).toEqual([...names].sort())
  })
})

describe('changes between two trees', () => {
  const SHARED = [
    'anyio upgraded 4.11.0 → 4.12.0',
    'certifi downgraded 2024.12.14 → 2024.8.30',
    'markupsafe added - → 3.0.0',
    'typing-extensions removed 4.12.2 → -'
  ]
  const EXTRA: Record<string, string[]> = {
    // The same version of werkzeug in two files is one change; Mypy-Extensions is mypy_extensions.
    requirements: [
      'mypy-extensions upgraded 1.0.0 → 1.1.0',
      'pytest upgraded 8.3.5 → 8.4.0',
      'werkzeug upgraded 3.0.6 → 3.1.0'
    ],
    // A fork closes: 1.0.0 (Python < 3.12) and 1.1.0 become 1.1.0 everywhere.
    uv: ['mypy-extensions upgraded 1.0.0 → 1.1.0'],
    pylock: ['pytest upgraded 8.3.5 → 8.4.0']
  }
  for (const [format] of FORMATS)
    it(`lists each change kind in ${format}, and no unchanged pin`, () => {
      const changes = diffPins(
        readTree(join(FIXTURES, format, 'base')),
        readTree(join(FIXTURES, format, 'head'))
      )
      const expected = [...SHARED, ...(EXTRA[format] ?? [])].sort()
      expect(changes.map(changeText).sort()).toEqual(expected)
      expect(changes.map(change => change.name)).not.toContain('six')
    })

  it('records the hashes and file names a lock gives, and carries them into the change', () => {
    const base = readTree(join(FIXTURES, 'uv', 'base'))
    const six = base.pins.find(pin => pin.name === 'six')
    expect(six?.hashes.map(hash => hash.filename)).toEqual([
      'six-1.16.0.tar.gz',
      'six-1.16.0-py2.py3-none-any.whl'
    ])
    const change = diffPins(base, readTree(join(FIXTURES, 'uv', 'head'))).find(
      c => c.name === 'anyio'
    )
    expect(change?.previous?.hashes).toEqual([
      {
        filename: 'anyio-4.11.0.tar.gz',
        sha256: 'bdbbe10d1c87acaddfe65e350bab9c0acee48113ac2ca74e1cfca4ac6849b449'
      }
    ])
    expect(change?.current?.file).toBe('uv.lock')
    const pipfile = readTree(join(FIXTURES, 'pipfile', 'base'))
    expect(pipfile.pins.flatMap(pin => pin.hashes).every(h => h.filename === undefined)).toBe(true)
  })

  it('merges the hashes of one version pinned in several files', () => {
    const base = readTree(join(FIXTURES, 'requirements', 'base'))
    const head = readTree(join(FIXTURES, 'requirements', 'head'))
    expect(head.pins.filter(pin => pin.name === 'werkzeug').map(pin => pin.file)).toEqual([
      'requirements/base.txt',
      'requirements/dev.txt'
    ])
    const werkzeug = diffPins(base, head).filter(c => c.name === 'werkzeug')
    expect(werkzeug).toHaveLength(1)
    expect(werkzeug[0]?.current?.file).toBe('requirements/base.txt')
    expect(werkzeug[0]?.current?.hashes).toHaveLength(1)
  })

  it('counts what is not a pin, without calling it a problem', () => {
    const base = readTree(join(FIXTURES, 'requirements', 'base'))
    const skipped = base.skipped.map(s => `${s.file}:${s.line} ${s.reason} ${s.text}`)
    expect(skipped).toEqual([
      'constraints.txt:3 unpinned flake8<8',
      'requirements.txt:6 unpinned werkzeug[watchdog]>=3.0',
      'requirements.txt:7 editable .',
      'requirements.txt:8 url git+https://github.com/pallets/markupsafe@3.0.0#egg=markupsafe'
    ])
    const uv = readTree(join(FIXTURES, 'uv', 'base')).skipped
    expect(uv.map(s => `${s.text} ${s.reason}`)).toEqual(['demo local', 'markupsafe url'])
  })
})

function pin(name: string, version: string, file = 'requirements.txt'): Pin {
  return { name, version, hashes: [], file }
}
describe('readPins across rounds of loading', () => {
  it('parses each file once when given the readings of an earlier call', () => {
    const texts = new Map([
      ['requirements.txt', 'six==1.16.0\n-r dev.txt\n'],
      ['dev.txt', 'humanize==4.16.0\n']
    ])
    const readings = new Map()
    const first = readPins(['requirements.txt'], path => texts.get(path), readings)
    // The texts now read as other pins: a file parsed again would give those.
    const again = readPins(['requirements.txt'], () => 'other==9\n', readings)
    expect(again.pins).toEqual(first.pins)
    expect(first.pins.map(p => p.name)).toEqual(['six', 'humanize'])
  })
})

describe('a dependency file that cannot be parsed', () => {
  it.each([
    ['uv.lock', 'version = 1\n[[package]\n'],
    ['poetry.lock', 'package = "not a table"\n'],
    ['pylock.toml', 'lock-version = "1.0"\npackages = 3\n'],
    ['pdm.lock', '= broken'],
    ['Pipfile.lock', '{"default": [] }'],
    ['Pipfile.lock', '[1, 2]']
  ])('%s: is broken, so that no pin of it is taken for removed', (file, text) => {
    const set = readPins([file], () => text)
    expect(set.broken).toEqual([file])
    expect(set.problems).not.toEqual([])
  })

  it('a requirements file with a bad line is not broken: pip reads it line by line', () => {
    expect(readPins(['requirements.txt'], () => 'six==1.0\n!!!\n').broken).toEqual([])
  })
})

const setOf = (...pins: Pin[]): PinSet => ({
  indexes: [],
  pins,
  files: [],
  problems: [],
  skipped: [],
  broken: []
})

describe('diffPins', () => {
  it('compares names as PEP 503 normalises them, and versions as PEP 440 orders them', () => {
    const base = setOf(pin('Foo_Bar', '1.0'), pin('baz', '1.0'))
    expect(diffPins(base, setOf(pin('foo-bar', '1.0.0'), pin('BAZ', '1.0')))).toEqual([])
    const changes = diffPins(base, setOf(pin('foo.bar', '1.0rc1'), pin('baz', '1.0.post1')))
    expect(changes.map(changeText)).toEqual([
      'baz upgraded 1.0 → 1.0.post1',
      'foo-bar downgraded 1.0 → 1.0rc1'
    ])
    expect(changes[1]?.previous?.name).toBe('Foo_Bar')
    expect(changes[1]?.current?.name).toBe('foo.bar')
  })

  it('compares several versions of one name as sets, listing each change', () => {
    const twoFiles = setOf(pin('a', '1.0', 'x.txt'), pin('a', '1.1', 'y.txt'))
    expect(diffPins(twoFiles, setOf(pin('a', '1.2'))).map(changeText)).toEqual([
      'a upgraded 1.0 → 1.2',
      'a upgraded 1.1 → 1.2'
    ])
    const fork = setOf(pin('numpy', '1.26.4'), pin('numpy', '2.2.0'))
    expect(
      diffPins(fork, setOf(pin('numpy', '1.26.4'), pin('numpy', '2.3.0'))).map(changeText)
    ).toEqual(['numpy upgraded 2.2.0 → 2.3.0'])
    expect(diffPins(setOf(pin('numpy', '2.2.0')), fork).map(changeText)).toEqual([
      'numpy downgraded 2.2.0 → 1.26.4'
    ])
    expect(diffPins(fork, setOf()).map(changeText)).toEqual([
      'numpy removed 1.26.4 → -',
      'numpy removed 2.2.0 → -'
    ])
  })

  it('orders an arbitrary-equality version that is no PEP 440 version before every valid one', () => {
    const changes = diffPins(setOf(pin('a', 'nightly-2024')), setOf(pin('a', '0.1')))
    expect(changes.map(changeText)).toEqual(['a upgraded nightly-2024 → 0.1'])
    expect(diffPins(setOf(pin('a', 'b-x')), setOf(pin('a', 'a-x')))[0]?.kind).toBe('downgraded')
  })
})

describe('includes', () => {
  it('follows -r and -c relative to the including file, each once; cycles and missing are problems', () => {
    const set = readPins(['a.txt'], readerOf(join(FIXTURES, 'includes')))
    expect(set.files).toEqual(['a.txt', 'b.txt', 'nested/c.txt'])
    expect(set.pins.map(p => `${p.file} ${p.name}`)).toEqual([
      'a.txt six',
      'b.txt anyio',
      'nested/c.txt certifi'
    ])
    expect(set.problems).toEqual([
      'b.txt:1: a.txt: a cycle (a.txt → b.txt → a.txt), not read again',
      'nested/c.txt:1: ../b.txt: a cycle (a.txt → b.txt → nested/c.txt → b.txt), not read again',
      'a.txt:3: missing.txt: no such file (missing.txt)',
      'a.txt:4: ../../outside.txt: outside the repository, not read',
      'a.txt:5: https://example.org/requirements.txt: an include at a URL is not read'
    ])
  })

  it('skips a top file that one tree lacks, as the other tree may have it', () => {
    const set = readPins(['a.txt', 'gone.txt'], readerOf(join(FIXTURES, 'includes')))
    expect(set.files).not.toContain('gone.txt')
    expect(set.problems.some(p => p.includes('gone.txt'))).toBe(false)
  })
})

describe('globs', () => {
  const tree = [
    'requirements.txt',
    'requirements/prod.in',
    'requirements/skip.in',
    'deps/locked.txt',
    'vendor/uv.lock'
  ]
  it('override the detection, ! excluding, nothing excluded by folder', () => {
    expect(dependencyFiles(tree)).toEqual(['requirements.txt'])
    const globs = [
      'requirements/*.in',
      '!requirements/skip.in',
      '',
      '# a comment',
      'deps/**',
      'vendor/*.lock'
    ]
    expect(dependencyFiles(tree, globs)).toEqual([
      'deps/locked.txt',
      'requirements/prod.in',
      'vendor/uv.lock'
    ])
    expect(dependencyFiles(tree, [])).toEqual(['requirements.txt'])
  })
})

describe('malformed files', () => {
  const root = join(FIXTURES, 'malformed')
  const read = (file: string) => readPins([file], readerOf(root))

  it('give problems that name the file and line, and keep what reads', () => {
    const set = read('requirements.txt')
    expect(set.pins.map(p => `${p.name}==${p.version}`)).toEqual([
      'six==1.16.0',
      'pytest==8.3.5',
      'flake8==7.1.2'
    ])
    expect(set.problems).toEqual([
      expect.stringMatching(/^requirements\.txt:2: anyio ==: not a requirement \(.+\)$/),
      'requirements.txt:3: --frobnicate: not an option pip reads in a requirements file',
      'requirements.txt:4: --hash=md5:0123456789abcdef0123456789abcdef: not sha256:, sha384: or sha512: followed by a digest',
      'requirements.txt:5: --hash=sha256:not-hex: not a sha256 digest',
      'requirements.txt:6: --hash needs a requirement on its line',
      'requirements.txt:7: -r needs a value'
    ])
  })

  it('give a problem for broken TOML or JSON, with the line where TOML breaks', () => {
    expect(read('uv.lock').problems).toEqual([expect.stringMatching(/^uv\.lock:6: /)])
    expect(read('Pipfile.lock').problems).toEqual([
      expect.stringMatching(/^Pipfile\.lock: invalid JSON: /)
    ])
    expect(read('pdm.lock').problems).toEqual(['pdm.lock: "package" is not an array of tables'])
  })

  it('give a problem for each bad package, and keep the good ones', () => {
    const poetry = read('poetry.lock')
    expect(poetry.problems).toEqual([
      'poetry.lock: [[package]] 1: no name',
      'poetry.lock: [[package]] 2 (six): version is not a string',
      'poetry.lock: [[package]] 3 (anyio): hash "sha256:xyz" is not sha256:<64 hex digits>'
    ])
    expect(poetry.pins).toEqual([
      { name: 'anyio', version: '4.11.0', hashes: [], file: 'poetry.lock' }
    ])
    expect(read('pylock.toml').problems).toEqual([
      'pylock.toml: no lock-version (PEP 751 requires it)',
      'pylock.toml: [[packages]] 1 (six): sha256 "short" is not 64 hex digits',
      'pylock.toml: [[packages]] 1 (six): a file without hashes (PEP 751 requires them)'
    ])
  })
})

describe('requirement lines, against pip and packaging', () => {
  const LINES = [
    'name==1.0 ; python_version < "3.8"',
    'name[extra]==1.0',
    'Name[a, b] == 1.0.post1',
    'name===1.0-custom',
    'name==1.*',
    'name~=1.0',
    'name>=1.0,<2',
    'name==1.0,!=1.1',
    'name',
    'name==1.0+local.1',
    'name==1.0 --hash=sha256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254 --hash=sha512:' +
      'a'.repeat(128),
    'name==1.0 \\\n    --hash=sha256:1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926 \\\n' +
      '    --hash=sha256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254',
    'name==1.0 \\\n# a comment ends the continuation\nother==2.0',
    'name==1.0  # a comment',
    'name @ https://example.org/name-1.0.tar.gz',
    'https://example.org/name-1.0.tar.gz',
    './local/path',
    'name-1.0-py3-none-any.whl',
    '-e git+https://github.com/a/b#egg=b',
    '--editable=.',
    '-i https://pypi.org/simple\nname==1.0',
    '--pre\n--prefer-binary\nname==2.0b1',
    // Python's splitlines() breaks lines where JavaScript's \n does not; pip drops a BOM.
    'a==1.0\fb==2.0\x1cc==3.0\u2028d==4.0\x85e==5.0\r\nf==6.0\rg==7.0',
    '\ufeffsix==1.16.0',
    'name==1.0 ; python_version < "3.8" --hash=sha256:1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926'
  ]
  const BAD = [
    'name==1.0#not-a-comment',
    'name ==',
    'name==1.0 --frobnicate',
    'name[==1.0',
    'name==1.0 --hash=md5:abc',
    '-r'
  ]

  it('pin what pip pins, with the same hashes, and fail where pip fails', () => {
    const folder = mkdtempSync(join(tmpdir(), 'pins-'))
    // pip refuses a path that holds no project.
    mkdirSync(join(folder, 'local', 'path'), { recursive: true })
    writeFileSync(join(folder, 'local', 'path', 'pyproject.toml'), '[project]\nname = "local"\n')
    try {
      const files = [...LINES, ...BAD].map((text, index) => {
        writeFileSync(join(folder, `r${index}.txt`), `${text}\n`)
        return `r${index}.txt`
      })
      const answers = askOracle(folder, files)
      files.forEach((file, index) => {
        const ours = readPins([file], readerOf(folder))
        const answer = answers[file]
        const label = JSON.stringify([...LINES, ...BAD][index])
        if (!answer || 'error' in answer) {
          expect([label, ours.problems.length > 0]).toEqual([label, true])
          expect(index).toBeGreaterThanOrEqual(LINES.length)
        } else {
          expect([label, ours.problems]).toEqual([label, []])
          expect([label, ours.pins.map(pinText)]).toEqual([label, answer.pins.map(pinText)])
        }
      })
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})

const pick = <T>(...values: T[]) => fc.constantFrom(...values)
const SHA = [
  '1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c926',
  '8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254'
]
const requirementLine = fc
  .tuple(
    pick('six', 'Foo_Bar', 'zope.interface', 'a-b', 'x', '1abc', 'fóo', 'foo-'),
    pick('', '', '[extra]', '[A_b, c]', '[a', '[]'),
    pick(
      '==1.0',
      '== 1.0',
      '==1.0.post1',
      '===1.0-x',
      '==1.*',
      '~=1.0',
      '>=1,<2',
      '',
      '==',
      '==1.0+l',
      ' == 2.0rc1'
    ),
    pick('', '', ' ; python_version < "3.8"', ';python_version>="3"', '; extra == "x"', ' ; bogus'),
    fc.array(
      pick(
        `--hash=sha256:${SHA[0]}`,
        `--hash sha256:${SHA[1]}`,
        `--hash=sha512:${'a'.repeat(128)}`,
        '--hash=md5:ab'
      ),
      { maxLength: 2 }
    ),
    pick(' ', ' \\\n    '),
    pick(
      '',
      '',
      '  # via x',
      '#x',
      ' --no-binary :all:',
      ' --bogus',
      ' --no-bin :all:',
      ' --pr',
      ` --hash='sha256:${SHA[1]}'`,
      ' --pre stray words',
      ' "unclosed',
      ' --pre=1',
      ' -- --bogus'
    )
  )
  // pip takes `sha256:…#x` for a digest that never matches; this reader calls it a problem.
  .map(
    ([name, extras, spec, marker, hashes, joint, tail]) =>
      [`${name}${extras}${spec}${marker}`, ...hashes].join(joint) +
      (hashes.length && tail === '#x' ? '' : tail)
  )
const otherLine = pick(
  '',
  '# a comment',
  '   # indented comment',
  '-i https://pypi.org/simple',
  '--extra-index-url=https://example.org/simple',
  '--pre',
  '--only-binary=:all:',
  '-e local/path',
  'https://example.org/pkg-1.0.tar.gz',
  'name @ https://example.org/name-1.0.zip ; os_name == "nt"',
  './local/path'
)
const requirementsFile = fc
  .array(fc.oneof({ weight: 3, arbitrary: requirementLine }, { weight: 1, arbitrary: otherLine }), {
    minLength: 1,
    maxLength: 5
  })
  .map(lines => lines.join('\n') + '\n')

describe('generated requirements files, against pip and packaging', () => {
  it('pin what pip pins, with the same hashes, and are refused where pip refuses them', () => {
    const texts = fc.sample(requirementsFile, { seed: 31, numRuns: 400 })
    const folder = mkdtempSync(join(tmpdir(), 'pins-'))
    mkdirSync(join(folder, 'local', 'path'), { recursive: true })
    writeFileSync(
      join(folder, 'local', 'path', 'setup.py'),
      'from setuptools import setup\nsetup()\n'
    )
    try {
      const files = texts.map((text, index) => {
        writeFileSync(join(folder, `r${index}.txt`), text)
        return `r${index}.txt`
      })
      const answers = askOracle(folder, files)
      const disagreements = files.flatMap((file, index) => {
        const ours = readPins([file], readerOf(folder))
        const answer = answers[file]
        const same =
          answer && 'error' in answer
            ? ours.problems.length > 0
            : ours.problems.length === 0 &&
              JSON.stringify(ours.pins.map(pinText)) === JSON.stringify(answer?.pins.map(pinText))
        return same ? [] : [{ text: texts[index] ?? '', ours, answer }]
      })
      disagreements.sort((a, b) => a.text.length - b.text.length)
      expect(disagreements.slice(0, 1)).toEqual([])
      // Neither side trivial: many files refused, many pins read.
      const refused = files.filter(file => 'error' in (answers[file] ?? {})).length
      const pinned = readPins(files, readerOf(folder)).pins.length
      expect([refused > 40, refused < 360, pinned > 100]).toEqual([true, true, true])
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})

/** A locked file, and how a TOML writer may spell its table. */
interface Artifact {
  file: string
  sha256: string
}
interface LockedPackage {
  name: string
  version?: string
  source: 'index' | 'git' | 'local'
  artifacts: Artifact[]
}
interface Style {
  literal: boolean
  inline: boolean
  upper: boolean
  escaped: boolean
}

const artifact = fc.record({
  file: pick(
    'six-1.16.0.tar.gz',
    'six-1.16.0-py2.py3-none-any.whl',
    'a%2Bb-1.0.tar.gz',
    'x-1-py3-none-any.whl'
  ),
  sha256: pick(...SHA)
})
const lockedPackage = fc.record({
  name: pick('six', 'Foo_Bar', 'zope.interface', 'a-b'),
  version: fc.option(pick('1.0', '2024.8.30', '1.0.post1', '3!1.0'), { nil: undefined }),
  source: pick<LockedPackage['source']>('index', 'index', 'index', 'git', 'local'),
  artifacts: fc.array(artifact, { maxLength: 3 })
})
const style = fc.record({
  literal: fc.boolean(),
  inline: fc.boolean(),
  upper: fc.boolean(),
  escaped: fc.boolean()
})

function tomlString(text: string, { literal, escaped }: Style): string {
  if (literal) return `'${text}'`
  return `"${escaped ? text.replace(/s/g, '\\u0073') : text}"`
}

/** One package of each TOML format, every value spelled as `style` says. */
const RENDER: Record<string, (p: LockedPackage, s: Style) => string> = {
  'uv.lock': (p, s) => {
    const str = (t: string) => tomlString(t, s)
    const hash = (a: Artifact) => str(`sha256:${s.upper ? a.sha256.toUpperCase() : a.sha256}`)
    const url = (a: Artifact) => str(`https://files.example/${a.file}`)
    const source = { index: 'registry', git: 'git', local: 'editable' }[p.source]
    const [sdist, ...wheels] = p.artifacts
    const lines = [`[[package]]`, `name = ${str(p.name)}`]
    if (p.version !== undefined) lines.push(`version = ${str(p.version)}`)
    lines.push(`source = { ${source} = ${str('https://pypi.org/simple')} }`)
    if (sdist && s.inline)
      lines.push(`sdist = { url = ${url(sdist)}, hash = ${hash(sdist)}, size = 1 }`)
    if (s.inline && wheels.length)
      lines.push(
        `wheels = [\n${wheels.map(w => `    { url = ${url(w)}, hash = ${hash(w)} },\n`).join('')}]`
      )
    if (sdist && !s.inline)
      lines.push(`\n[package.sdist]\nurl = ${url(sdist)}\nhash = ${hash(sdist)}`)
    if (!s.inline)
      for (const w of wheels)
        lines.push(`\n[[package.wheels]] # a comment\nurl = ${url(w)}\nhash = ${hash(w)}`)
    return lines.join('\n')
  },
  'poetry.lock': (p, s) =>
    filesPackage(
      p,
      s,
      'file',
      p.source === 'git'
        ? '[package.source]\ntype = "git"'
        : p.source === 'local'
          ? '[package.source]\ntype = "directory"'
          : ''
    ),
  'pdm.lock': (p, s) =>
    filesPackage(
      p,
      s,
      'url',
      p.source === 'git' ? 'git = "https://g"' : p.source === 'local' ? 'path = "."' : ''
    ),
  'pylock.toml': (p, s) => {
    const str = (t: string) => tomlString(t, s)
    const lines = [`[[packages]]`, `name = ${str(p.name)}`]
    if (p.version !== undefined) lines.push(`version = ${str(p.version)}`)
    if (p.source === 'git')
      lines.push(`vcs = { type = "git", url = "https://g", commit-id = "abc" }`)
    if (p.source === 'local') lines.push(`directory = { path = "." }`)
    const hashes = (a: Artifact) =>
      `{ sha256 = ${str(s.upper ? a.sha256.toUpperCase() : a.sha256)} }`
    // packaging.pylock checks what PEP 751 files are named: at most one sdist, wheels named as wheels.
    // and consistently with the package's name and version.
    const stem = `${p.name.replace(/[-_.]+/g, '_')}-${p.version ?? '0'}`
    const files = (p.source === 'index' ? p.artifacts : []).map(a => ({
      ...a,
      file: a.file.endsWith('.whl') ? `${stem}-py3-none-any.whl` : `${stem}.tar.gz`
    }))
    const sdist = files.find(a => !a.file.endsWith('.whl'))
    const wheels = files.filter(a => a.file.endsWith('.whl'))
    const named = (a: Artifact) =>
      s.escaped ? `url = ${str(`https://f/${a.file}`)}` : `name = ${str(a.file)}`
    if (sdist)
      lines.push(
        s.inline
          ? `sdist = { ${named(sdist)}, hashes = ${hashes(sdist)} }`
          : `\n[packages.sdist]\n${named(sdist)}\nhashes = ${hashes(sdist)}`
      )
    const inlineWheel = (w: Artifact) => `{ ${named(w)}, hashes = ${hashes(w)} }`
    if (s.inline && wheels.length) lines.push(`wheels = [${wheels.map(inlineWheel).join(', ')}]`)
    if (!s.inline)
      for (const w of wheels)
        lines.push(
          `\n[[packages.wheels]]\n${named(w)}\n[packages.wheels.hashes]\nsha256 = ${str(w.sha256)}`
        )
    return lines.join('\n')
  }
}

function filesPackage(p: LockedPackage, s: Style, key: 'file' | 'url', source: string): string {
  const str = (t: string) => tomlString(t, s)
  const lines = [`[[package]]`, `name = ${str(p.name)}`]
  if (p.version !== undefined) lines.push(`version = ${str(p.version)}`)
  if (source && !source.startsWith('[')) lines.push(source)
  const entry = (a: Artifact) =>
    `{${key} = ${str(key === 'url' ? `https://f/${a.file}` : a.file)}, hash = ${str(`sha256:${s.upper ? a.sha256.toUpperCase() : a.sha256}`)}}`
  lines.push(
    s.inline
      ? `files = [${p.artifacts.map(entry).join(', ')}]`
      : `files = [\n${p.artifacts.map(a => `    ${entry(a)},\n`).join('')}]`
  )
  if (source.startsWith('[')) lines.push(`\n${source}`)
  return lines.join('\n')
}

const HEADERS: Record<string, string> = {
  'uv.lock': 'version = 1\nrevision = 3\nrequires-python = ">=3.11"\n',
  'poetry.lock':
    '# This file is automatically @generated by Poetry 2.1.3 and should not be changed by hand.\n',
  'pdm.lock': '# This file is @generated by PDM.\n[metadata]\nlock_version = "4.5.0"\n',
  'pylock.toml': 'lock-version = "1.0"\ncreated-by = "pip"\n'
}

describe('generated locks in every TOML spelling, against tomllib and packaging.pylock', () => {
  for (const name of Object.keys(RENDER))
    it(`read ${name} as the reference does`, () => {
      const render = RENDER[name]!
      const locks = fc.sample(
        fc.tuple(fc.array(lockedPackage, { minLength: 1, maxLength: 4 }), style),
        { seed: 751, numRuns: 150 }
      )
      const folder = mkdtempSync(join(tmpdir(), 'pins-'))
      try {
        const files = locks.map(([packages, s], index) => {
          mkdirSync(join(folder, `l${index}`))
          const text = [HEADERS[name], ...packages.map(p => render(p, s))].join('\n\n') + '\n'
          writeFileSync(join(folder, `l${index}`, name), text)
          return `l${index}/${name}`
        })
        const answers = askOracle(folder, files)
        const disagreements = files.flatMap(file => {
          const ours = readPins([file], readerOf(folder))
          const answer = answers[file]
          const theirs =
            answer && 'pins' in answer ? answer.pins.map(p => ({ ...p, file })) : undefined
          const same =
            theirs === undefined
              ? ours.problems.length > 0
              : ours.problems.length === 0 &&
                JSON.stringify(ours.pins.map(pinText)) === JSON.stringify(theirs.map(pinText))
          return same ? [] : [{ text: readFileSync(join(folder, file), 'utf8'), ours, answer }]
        })
        disagreements.sort((a, b) => a.text.length - b.text.length)
        expect(disagreements.slice(0, 1)).toEqual([])
        const pinned = readPins(files, readerOf(folder)).pins
        expect(pinned.length).toBeGreaterThan(100)
        expect(pinned.some(p => p.hashes.length > 1)).toBe(true)
      } finally {
        rmSync(folder, { recursive: true, force: true })
      }
    })
})
