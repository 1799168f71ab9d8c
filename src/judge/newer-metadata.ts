import { KNOWN_FIELDS } from '../packaging/metadata.js'
import type { CurrentRule, PairRule, RuleHit } from './types.js'

const difference = (a: string[], b: string[]) => a.filter(x => !b.includes(x))

export const dynamicFieldsChanged: PairRule = {
  id: 'dynamic-fields-changed',
  defaultSeverity: 'low',
  description:
    'Fields declared `Dynamic` were added or removed (PEP 643): a dynamic field may differ between the sdist and the wheels built from it; fields no longer dynamic are info (fixed in the sdist, wheels must match).',
  check: ({ metadata }) => {
    const [before, after] = [metadata.previous.core.dynamic, metadata.current.core.dynamic]
    const hits: RuleHit[] = []
    const added = difference(after, before)
    const removed = difference(before, after)
    if (added.length)
      hits.push({ message: `now Dynamic (wheels may differ from this sdist): ${added.join(', ')}` })
    if (removed.length)
      hits.push({
        message: `no longer Dynamic (fixed in the sdist): ${removed.join(', ')}`,
        severity: 'info'
      })
    return hits
  }
}

export const importNamesChanged: PairRule = {
  id: 'import-names-changed',
  defaultSeverity: 'medium',
  description:
    'Import-Name or Import-Namespace (PEP 794) lost a name (medium: `import` of it may fail) or gained one (info).',
  check: ({ metadata }) => {
    const hits: RuleHit[] = []
    for (const field of ['importNames', 'importNamespaces'] as const) {
      const label = field === 'importNames' ? 'Import-Name' : 'Import-Namespace'
      const [before, after] = [metadata.previous.core[field], metadata.current.core[field]]
      for (const name of difference(before, after))
        hits.push({
          message: `${label} ${name} is no longer declared: \`import ${name}\` may no longer work`
        })
      for (const name of difference(after, before))
        hits.push({ severity: 'info', message: `${label} ${name} is newly declared` })
    }
    return hits
  }
}

export const licenseFileMissing: CurrentRule = {
  id: 'license-file-missing',
  scope: 'current',
  defaultSeverity: 'medium',
  description: 'PKG-INFO lists a License-File (PEP 639) that the archive does not hold.',
  check: ({ metadata, archive: current }) => {
    // A wheel holds them under .dist-info/licenses/ (PEP 639), or older builds at .dist-info's top.
    const distInfo = current.wheel?.distInfo
    const places = (path: string) =>
      distInfo ? [`${distInfo}/licenses/${path}`, `${distInfo}/${path}`, path] : [path]
    return metadata.core.licenseFiles
      .filter(path => !places(path).some(place => current.entries.has(place)))
      .map(path => ({
        path,
        message: current.wheel
          ? `License-File ${path} is listed in METADATA but not in the wheel`
          : `License-File ${path} is listed in PKG-INFO but not in the sdist`
      }))
  }
}

export const metadataFieldUnknown: CurrentRule = {
  id: 'metadata-field-unknown',
  scope: 'current',
  defaultSeverity: 'info',
  description:
    'PKG-INFO holds a field the core metadata specification (up to 2.5) does not define; read, reported, never an error.',
  check: ({ metadata }) =>
    metadata.core.fieldNames
      .filter(name => !KNOWN_FIELDS.has(name))
      .map(name => ({
        message: `PKG-INFO field "${name}" is not one the core metadata specification defines (a newer version, or a typo)`
      }))
}
