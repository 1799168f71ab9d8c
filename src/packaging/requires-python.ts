import { allows } from './specifiers.js'

const MINORS = Array.from({ length: 21 }, (_, minor) => minor)
const PATCHES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 20, 30, 50, 99]

/** Python 3 minor versions (3.0 … 3.20) for which some patch release satisfies the specifier. */
export function allowedPythonMinors(specifier: string): string[] {
  return MINORS.filter(minor =>
    PATCHES.some(patch => allows(specifier, `3.${minor}.${patch}`))
  ).map(minor => `3.${minor}`)
}
