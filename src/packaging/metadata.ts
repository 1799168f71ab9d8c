import { field, fieldValues, parseCoreMetadata } from './core-metadata.js'
import { normalizeName } from './names.js'
import { parseRequirement, type Requirement } from './requirements.js'
import { SpecifierSet } from './specifiers.js'

/** A value installers could not read, named by where it is. */
export interface MetadataProblem {
  where: string
  text: string
  error: string
}

/** A link the index shows on the project's page. */
export interface ProjectLink {
  label: string
  url: string
}

/** Home-page and Download-URL are links as Project-URL labels them (PEP 753: `homepage`, `download`). */
function linksOf(core: ReturnType<typeof parseCoreMetadata>): ProjectLink[] {
  const single = (name: string, label: string): ProjectLink[] => {
    const url = field(core, name)?.trim()
    return url ? [{ label, url }] : []
  }
  const projectUrls = fieldValues(core, 'Project-URL').flatMap(value => {
    const comma = value.indexOf(',')
    const url = value.slice(comma + 1).trim()
    return comma > 0 && url ? [{ label: value.slice(0, comma).trim(), url }] : []
  })
  return [
    ...single('Home-page', 'Home-page'),
    ...single('Download-URL', 'Download-URL'),
    ...projectUrls
  ]
}

/** Requires-Python as written and, when it is valid, as a specifier set. */
export interface RequiresPython {
  text: string
  specifier?: SpecifierSet
}

/** Core metadata with every field the rules read typed, like `packaging.metadata.Metadata`. */
export interface Metadata {
  metadataVersion?: string
  name?: string
  version?: string
  requiresPython?: RequiresPython
  requiresDist: Requirement[]
  /** Normalised, sorted. */
  providesExtra: string[]
  /** Sorted, without duplicates. */
  classifiers: string[]
  license?: string
  licenseExpression?: string
  /** Lower-case field names declared `Dynamic`. */
  dynamic: string[]
  /** PEP 639 `License-File` paths. */
  licenseFiles: string[]
  /** PEP 794 (Metadata 2.5) `Import-Name` and `Import-Namespace` values. */
  importNames: string[]
  importNamespaces: string[]
  /** `Home-page`, `Download-URL` and each `Project-URL` (`label, url`), in the order written. */
  links: ProjectLink[]
  /** Lower-case names of every field present, known or not. */
  fieldNames: string[]
  problems: MetadataProblem[]
}

/** Reads PKG-INFO or METADATA text; never throws: what cannot be read is listed in `problems`. */
export function readMetadata(text: string, where = 'PKG-INFO'): Metadata {
  const core = parseCoreMetadata(text)
  const problems: MetadataProblem[] = core.malformed.map(line => ({
    where,
    text: line,
    error: 'not a "Name: value" header line'
  }))
  const requiresDist = parseRequirements(
    fieldValues(core, 'Requires-Dist'),
    `${where} Requires-Dist`,
    problems
  )
  const requiresPython = readRequiresPython(field(core, 'Requires-Python'), where, problems)
  return {
    ...optional('metadataVersion', field(core, 'Metadata-Version')),
    ...optional('name', field(core, 'Name')),
    ...optional('version', field(core, 'Version')),
    ...(requiresPython && { requiresPython }),
    requiresDist,
    providesExtra: [...new Set(fieldValues(core, 'Provides-Extra').map(normalizeName))].sort(),
    classifiers: [...new Set(fieldValues(core, 'Classifier'))].sort(),
    ...optional('license', field(core, 'License')),
    ...optional('licenseExpression', field(core, 'License-Expression')),
    dynamic: fieldValues(core, 'Dynamic').map(name => name.toLowerCase()),
    licenseFiles: fieldValues(core, 'License-File'),
    importNames: [...new Set(fieldValues(core, 'Import-Name'))].sort(),
    importNamespaces: [...new Set(fieldValues(core, 'Import-Namespace'))].sort(),
    links: linksOf(core),
    fieldNames: [...core.fields.keys()],
    problems
  }
}

/** Parses each PEP 508 requirement; the invalid ones go to `problems`. */
export function parseRequirements(
  texts: string[],
  where: string,
  problems: MetadataProblem[]
): Requirement[] {
  const requirements: Requirement[] = []
  for (const text of texts) {
    const parsed = parseRequirement(text)
    if (parsed.ok) requirements.push(parsed.requirement)
    else problems.push({ where, text, error: parsed.error })
  }
  return requirements
}

function readRequiresPython(
  text: string | undefined,
  where: string,
  problems: MetadataProblem[]
): RequiresPython | undefined {
  if (text === undefined) return undefined
  const specifier = SpecifierSet.parse(text)
  if (!specifier)
    problems.push({
      where: `${where} Requires-Python`,
      text,
      error: 'not a valid PEP 440 specifier set'
    })
  return specifier ? { text, specifier } : { text }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>)
}

/** Every field the core metadata specification defines, up to Metadata-Version 2.5 (lower case). */
export const KNOWN_FIELDS = new Set(
  [
    'Metadata-Version',
    'Name',
    'Version',
    'Dynamic',
    'Platform',
    'Supported-Platform',
    'Summary',
    'Description',
    'Description-Content-Type',
    'Keywords',
    'Home-page',
    'Download-URL',
    'Author',
    'Author-email',
    'Maintainer',
    'Maintainer-email',
    'License',
    'License-Expression',
    'License-File',
    'Classifier',
    'Requires-Dist',
    'Requires-Python',
    'Requires-External',
    'Project-URL',
    'Provides-Extra',
    'Provides-Dist',
    'Obsoletes-Dist',
    'Import-Name',
    'Import-Namespace',
    'Requires',
    'Provides',
    'Obsoletes'
  ].map(name => name.toLowerCase())
)
