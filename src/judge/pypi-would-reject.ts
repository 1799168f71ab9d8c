import parseSpdx from 'spdx-expression-parse'
import { basename } from 'node:path'
import { sdistVersion } from '../acquire/sdist-filename.js'
import { isValidName, normalizeName } from '../packaging/names.js'
import { Version } from '../packaging/version.js'
import type { PackageMetadata } from '../read/package-metadata.js'
import type { Archive } from '../read/types.js'
import type { CurrentRule, RuleHit } from './types.js'

/** The Metadata-Versions the core metadata specification defines. */
const KNOWN_METADATA_VERSIONS = new Set(['1.0', '1.1', '1.2', '2.1', '2.2', '2.3', '2.4', '2.5'])

/** What PyPI refuses on upload, each with the rule of the spec it breaks. */
function uploadProblems(metadata: PackageMetadata, sdist: Archive): string[] {
  const problems: string[] = []
  const { name, version, metadataVersion } = metadata
  const parsed = Version.parse(version)
  if (metadataVersion !== undefined && !KNOWN_METADATA_VERSIONS.has(metadataVersion))
    problems.push(
      `Metadata-Version ${metadataVersion} is not one the core metadata specification defines`
    )
  if (!isValidName(name))
    problems.push(`Name "${name}" is not a valid project name (core metadata, PEP 508 names)`)
  if (!parsed) problems.push(`Version "${version}" is not a valid PEP 440 version`)
  else if (parsed.local !== undefined)
    problems.push(
      `Version ${version} has a local part (+${parsed.local}): PEP 440 forbids local versions on public indexes`
    )
  if (metadata.license !== undefined && metadata.licenseExpression !== undefined)
    problems.push(
      'License and License-Expression are both set: PEP 639 forbids License alongside License-Expression'
    )
  if (metadata.licenseExpression !== undefined && !validSpdx(metadata.licenseExpression))
    problems.push(
      `License-Expression "${metadata.licenseExpression}" is not a valid SPDX expression (PEP 639)`
    )
  return problems.concat(nameDisagreements(metadata, sdist, parsed))
}

function validSpdx(expression: string): boolean {
  try {
    parseSpdx(expression)
    return true
  } catch {
    return false
  }
}

/** PEP 625: the file name and the root folder are `{name}-{version}` of the sdist's own Name and Version. */
function nameDisagreements(metadata: PackageMetadata, sdist: Archive, parsed?: Version): string[] {
  if (!parsed) return []
  const problems: string[] = []
  const check = (what: string, stem: string) => {
    if (!stem.includes('-')) return // not named like an sdist at all (standard input, a FIFO)
    const named = sdistVersion(`${stem}.tar.gz`, metadata.name)
    const same = named !== undefined && Version.parse(named)?.equals(parsed)
    if (!same)
      problems.push(
        `${what} "${stem}" does not name ${normalizeName(metadata.name)} ${parsed.text} (PEP 625: {name}-{version} of the sdist's Name and Version)`
      )
  }
  const filename = basename(sdist.file)
  if (filename.endsWith('.tar.gz')) check('the file name', filename.slice(0, -'.tar.gz'.length))
  if (filename.endsWith('.whl')) check('the file name', filename.split('-').slice(0, 2).join('-'))
  if (sdist.root) check('the root folder', sdist.root)
  if (sdist.wheel) check('the .dist-info folder', sdist.wheel.distInfo.replace(/\.dist-info$/, ''))
  return problems
}

export const pypiWouldReject: CurrentRule = {
  id: 'pypi-would-reject',
  scope: 'current',
  defaultSeverity: 'high',
  description:
    'PyPI would refuse the upload: a local version, License with License-Expression, an invalid SPDX expression, an unknown Metadata-Version, an invalid name or version, or a file name / root folder that disagrees with Name and Version (PEP 625).',
  check: ({ metadata, archive: current }): RuleHit[] =>
    uploadProblems(metadata, current).map(message => ({
      message: `PyPI would reject the upload: ${message}`
    }))
}
