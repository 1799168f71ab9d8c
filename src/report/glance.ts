import { describePublisher, type Provenance } from '../acquire/provenance.js'
import { licenseId } from '../packaging/licenses.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import type { Archive } from '../read/types.js'

/** The metadata a reviewer checks first, for the before/after table at the top of the comment. */
export interface Glance {
  version: string
  requiresPython?: string
  /** Normalised names of what every install gets (requirements under no extra), sorted. */
  dependencies: string[]
  /** Normalised names that only extras bring, sorted. */
  extraDependencies?: string[]
  extras: string[]
  /** An SPDX expression where the declaration gives one, else the licence families. */
  license?: string
  entryPoints: string[]
  files: number
  /** Total size of the files, in bytes. */
  bytes: number
  /** Who published it, where the index says (PEP 740): `GitHub pallets/click, publish.yaml`, or "not attested". */
  publishedBy?: string
}

export function glanceAt(
  metadata: PackageMetadata,
  sdist: Archive,
  provenance?: Provenance
): Glance {
  let files = 0
  let bytes = 0
  for (const entry of sdist.entries.values()) {
    if (entry.type === 'dir') continue
    files++
    bytes += entry.size
  }
  const license = licenseId(metadata)
  const base = [
    ...new Set(metadata.requirements.filter(r => !r.marker?.extras.length).map(r => r.key))
  ].sort()
  return {
    version: metadata.version,
    ...(metadata.requiresPython && { requiresPython: metadata.requiresPython.text }),
    dependencies: base,
    extraDependencies: [
      ...new Set(metadata.requirements.filter(r => !base.includes(r.key)).map(r => r.key))
    ].sort(),
    extras: metadata.extras,
    ...(license !== undefined && { license }),
    entryPoints: metadata.entryPoints,
    files,
    bytes,
    ...(provenance && !provenance.unavailable && { publishedBy: publishedBy(provenance) })
  }
}

function publishedBy({ publishers }: Provenance): string {
  return publishers.length ? publishers.map(describePublisher).join('; ') : 'not attested'
}
