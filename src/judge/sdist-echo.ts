import type { FileChanges } from '../compare/file-changes.js'
import type { Finding } from './finding.js'

/** What the sdist of a release already reports, which its wheels need not repeat. */
export interface SdistReported {
  findings: Finding[]
  files: FileChanges
}

/**
 * A wheel's finding that says what its sdist's report says: the same metadata change (same rule, same
 * message), or the same file event on the same installed path (`src/demo/x.py` in the sdist is
 * `demo/x.py` in the wheel). A reviewer reads each change once, under the sdist; the wheel section keeps
 * what only the wheel shows.
 */
export function echoesSdist(sdist: SdistReported): (finding: Finding) => boolean {
  const said = new Set(sdist.findings.map(f => `${f.rule}\0${f.message}`))
  const events = new Set([
    ...sdist.files.added.map(path => `file-added\0${path}`),
    ...sdist.files.removed.map(path => `file-removed\0${path}`),
    ...sdist.files.renamed.map(({ to }) => `file-renamed\0${to}`),
    ...sdist.files.modeChanged.map(path => `file-mode-changed\0${path}`)
  ])
  return finding => {
    if (said.has(`${finding.rule}\0${finding.message}`)) return true
    if (finding.path === undefined) return false
    return sdistPaths(finding.path).some(path => events.has(`${finding.rule}\0${path}`))
  }
}

/** Where a wheel's file may come from in the sdist: the same path, under src/, or (licences) the root. */
function sdistPaths(wheelPath: string): string[] {
  const licence = /^[^/]+\.dist-info\/(?:licenses\/)?(.+)$/.exec(wheelPath)?.[1]
  return [wheelPath, `src/${wheelPath}`, ...(licence ? [licence] : [])]
}
