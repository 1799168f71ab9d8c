import { readMetadata, type Metadata } from '../packaging/metadata.js'
import { entryText } from './decode-text.js'
import { SdistError, type Sdist } from './types.js'

/** The root PKG-INFO, typed. */
export function readRootMetadata(sdist: Sdist): Metadata {
  const text = entryText(sdist.entries.get('PKG-INFO'))
  if (text === undefined)
    throw new SdistError(sdist.file, 'PKG-INFO is binary or too large to read')
  return readMetadata(text)
}

/** Name and version from the root PKG-INFO; an sdist without them is refused. */
export function readPackageIdentity(sdist: Sdist): { name: string; version: string } {
  const { name, version } = readRootMetadata(sdist)
  if (!name || !version) {
    const missing = [!name && 'Name', !version && 'Version'].filter(Boolean).join(' and ')
    throw new SdistError(sdist.file, `PKG-INFO has no ${missing} field: not a valid sdist`)
  }
  return { name, version }
}
