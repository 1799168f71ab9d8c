import type { Entry, Archive } from '../read/types.js'

/**
 * A wheel's `.dist-info` and `.data` folders are named with its version, as an sdist's root folder is:
 * the previous wheel's are renamed to the current's, so that METADATA pairs with METADATA and a release
 * is not one rename per metadata file.
 */
export function alignWheelFolders(previous: Archive, current: Archive): Archive {
  if (!previous.wheel || !current.wheel || previous.wheel.distInfo === current.wheel.distInfo)
    return previous
  const renames = [
    [previous.wheel.distInfo, current.wheel.distInfo],
    [dataFolder(previous.wheel.distInfo), dataFolder(current.wheel.distInfo)]
  ] as const
  const moved = (path: string) => {
    for (const [from, to] of renames)
      if (path.startsWith(`${from}/`)) return to + path.slice(from.length)
    return path
  }
  const entries = new Map<string, Entry>()
  for (const [path, entry] of previous.entries) {
    const to = moved(path)
    entries.set(to, to === path ? entry : { ...entry, path: to })
  }
  return { ...previous, entries, wheel: { ...previous.wheel, distInfo: current.wheel.distInfo } }
}

/** `demo-1.0.dist-info` → `demo-1.0.data` (scripts, headers and data installed outside the package). */
export function dataFolder(distInfo: string): string {
  return distInfo.replace(/\.dist-info$/, '.data')
}
