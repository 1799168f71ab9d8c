import { readMetadata, type Metadata } from '../packaging/metadata.js'
import { entryText } from './decode-text.js'
import { metadataPath, ArchiveError, type Archive } from './types.js'

/** The root PKG-INFO (a wheel's METADATA), typed. */
export function readRootMetadata(sdist: Archive): Metadata {
  const path = metadataPath(sdist)
  const text = entryText(sdist.entries.get(path))
  if (text === undefined)
    throw new ArchiveError(sdist.file, `${path} is binary or too large to read`)
  return readMetadata(text, sdist.wheel ? 'METADATA' : 'PKG-INFO')
}

/** Name and version from the root PKG-INFO; an sdist without them is refused. */
export function readPackageIdentity(sdist: Archive): { name: string; version: string } {
  const { name, version } = readRootMetadata(sdist)
  if (!name || !version) {
    const missing = [!name && 'Name', !version && 'Version'].filter(Boolean).join(' and ')
    throw new ArchiveError(
      sdist.file,
      `${metadataPath(sdist)} has no ${missing} field: not a valid ${sdist.wheel ? 'wheel' : 'sdist'}`
    )
  }
  return { name, version }
}
