import { existsSync } from 'node:fs'
import { isValidName, normalizeName } from '../packaging/names.js'
import { isValidVersion } from '../packaging/version.js'

/** `NAME`, `NAME==NEW` or `NAME==OLD NAME==NEW`: releases on the index, by name. */
export interface ByName {
  name: string
  previous?: string
  current?: string
}

/** What only a file is called: an archive suffix, a folder, standard input. */
const LOOKS_LIKE_A_FILE = /(?:\.tar\.gz|\.tgz|\.whl|\.zip)$|[/\\]|^-$/i

/**
 * Reads the positional arguments as published releases when none of them is an existing file: each
 * must then be a project name with an optional `==VERSION`. Undefined when they are files (or look like
 * them: a typo'd path stays a missing file). Throws a message naming both readings otherwise.
 */
export function releasesByName(
  positionals: string[],
  exists: (path: string) => boolean = existsSync
): ByName | undefined {
  if (!positionals.length || positionals.length > 2) return undefined
  if (positionals.some(arg => exists(arg) || LOOKS_LIKE_A_FILE.test(arg))) {
    const stray = positionals.find(
      arg => !exists(arg) && !LOOKS_LIKE_A_FILE.test(arg) && parse(arg)
    )
    if (stray && positionals.length === 2)
      throw new Error(
        `"${stray}" is not a file, and a project name cannot be compared with a file: give two files, or NAME==OLD NAME==NEW`
      )
    return undefined
  }
  const parsed = positionals.map(arg => {
    const release = parse(arg)
    if (!release)
      throw new Error(
        `"${arg}" is neither an existing file nor a published release (NAME or NAME==VERSION, e.g. requests==2.32.3)`
      )
    return release
  })
  const [first, second] = parsed
  if (!first) return undefined
  if (!second) return { name: first.name, ...(first.version && { current: first.version }) }
  if (normalizeName(first.name) !== normalizeName(second.name))
    throw new Error(
      `${first.name} and ${second.name} are different projects: compare two releases of one`
    )
  if (!first.version || !second.version)
    throw new Error(
      `two releases are named with their versions: ${first.name}==OLD ${first.name}==NEW`
    )
  return { name: first.name, previous: first.version, current: second.version }
}

function parse(arg: string): { name: string; version?: string } | undefined {
  const [name = '', version, ...rest] = arg.split('==')
  if (rest.length || !isValidName(name.trim())) return undefined
  if (version !== undefined && !isValidVersion(version.trim())) return undefined
  return { name: name.trim(), ...(version !== undefined && { version: version.trim() }) }
}
