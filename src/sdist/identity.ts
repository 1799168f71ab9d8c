import { field, parseCoreMetadata, type CoreMetadata } from '../packaging/core-metadata.js'
import { entryText } from './decode-text.js'
import { SdistError, type Sdist } from './types.js'

export function rootMetadata(sdist: Sdist): CoreMetadata {
  const text = entryText(sdist.entries.get('PKG-INFO'))
  if (text === undefined)
    throw new SdistError(sdist.file, 'PKG-INFO is binary or too large to read')
  return parseCoreMetadata(text)
}

/** Name and version from the root PKG-INFO; an sdist without them is refused. */
export function readPackageIdentity(sdist: Sdist): { name: string; version: string } {
  const metadata = rootMetadata(sdist)
  const name = field(metadata, 'Name')
  const version = field(metadata, 'Version')
  if (!name || !version) {
    const missing = [!name && 'Name', !version && 'Version'].filter(Boolean).join(' and ')
    throw new SdistError(sdist.file, `PKG-INFO has no ${missing} field: not a valid sdist`)
  }
  return { name, version }
}
