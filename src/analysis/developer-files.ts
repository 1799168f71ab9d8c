import picomatch from 'picomatch'

/** Files that only a developer runs (tests, docs, examples): never on a user's machine on import. */
export const DEVELOPER_ONLY = picomatch(
  [
    '**/test/**',
    '**/tests/**',
    '**/testing/**',
    '**/docs/**',
    '**/doc/**',
    '**/examples/**',
    '**/benchmarks/**',
    '**/conftest.py',
    '**/test_*.py',
    '**/*_test.py',
    'noxfile.py',
    'tasks.py'
  ],
  { dot: true }
)
