import picomatch from 'picomatch'
import type { RunReport } from '../report/types.js'

export interface FileListChange {
  package: string
  change: 'added' | 'removed'
  path: string
}

/**
 * `expected-file-changes`, one glob a line: `+glob` expects additions, `-glob` removals, a plain glob
 * either. Blank lines and `#` comments are skipped.
 */
export interface ExpectedChanges {
  added: string[]
  removed: string[]
}

export function parseExpectedChanges(text: string): ExpectedChanges {
  const expected: ExpectedChanges = { added: [], removed: [] }
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const glob = line.replace(/^[+-]\s*/, '')
    if (!line.startsWith('-')) expected.added.push(glob)
    if (!line.startsWith('+')) expected.removed.push(glob)
  }
  return expected
}

/** Files added or removed (a rename is both) that no expected glob covers, in report order. */
export function unexpectedFileChanges(run: RunReport, expected: ExpectedChanges): FileListChange[] {
  const covers = {
    added: picomatch(expected.added.length ? expected.added : ['\0'], { dot: true }),
    removed: picomatch(expected.removed.length ? expected.removed : ['\0'], { dot: true })
  }
  return run.packages.flatMap(report => {
    const { files } = report
    const changes: FileListChange[] = [
      ...[...files.added, ...files.renamed.map(r => r.to)].map(path => ({
        change: 'added' as const,
        path
      })),
      ...[...files.removed, ...files.renamed.map(r => r.from)].map(path => ({
        change: 'removed' as const,
        path
      }))
    ].map(c => ({ package: report.current.name, ...c }))
    return changes.filter(c => !covers[c.change](c.path))
  })
}
