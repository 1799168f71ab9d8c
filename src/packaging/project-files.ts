import picomatch from 'picomatch'

/**
 * Files that only a developer runs (tests and their fixtures and servers, such as urllib3's dummyserver;
 * docs, examples): never on a user's machine on import.
 */
export const DEVELOPER_ONLY = picomatch(
  [
    '**/test/**',
    '**/tests/**',
    '**/testing/**',
    '**/docs/**',
    '**/doc/**',
    '**/example/**',
    '**/examples/**',
    '**/benchmark/**',
    '**/benchmarks/**',
    '**/fixtures/**',
    '**/testdata/**',
    '**/test_data/**',
    '**/dummyserver/**',
    '**/conftest.py',
    '**/test_*.py',
    '**/*_test.py',
    'noxfile.py',
    'tasks.py'
  ],
  { dot: true }
)

/** A project's notes about itself (README, CHANGES, …): prose that no install reads. */
const NOTE_NAMES =
  'README|CHANGES|CHANGELOG|HISTORY|NEWS|AUTHORS|CONTRIBUTING|CODE_OF_CONDUCT|SECURITY'

/** A note, or a licence text, anywhere (a vendored library's LICENSE and README, as pip keeps them). */
export const NOTE_OR_LICENCE = new RegExp(
  `(?:^|/)(?:${NOTE_NAMES}|LICEN[CS]E|COPYING|NOTICE)(?:[.-][^/]*)?$`,
  'i'
)

/** Documentation at the project's root: the docs folder and the notes beside the code. */
export const ROOT_DOCUMENTATION = new RegExp(`^(?:docs?/|(?:${NOTE_NAMES})(?:\\.[^/]*)?$)`, 'i')
