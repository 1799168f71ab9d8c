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
    '**/examples/**',
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
