import type { ArchivePair } from '../compare/comparison.js'
import { nonDirectories } from '../compare/file-changes.js'

type Node = Map<string, Node>

/**
 * The folders that still hold a file (kept, or new in the current release), as a tree of path
 * segments, so that each question about a path walks it once: linear in its length, where listing
 * every prefix of a path as a string would be quadratic in its depth.
 */
export class GoneFolders {
  private readonly root: Node = new Map()

  /** From a pair and the paths it removed: every other path of either side occupies its folders. */
  constructor(pair: ArchivePair, removed: ReadonlySet<string>) {
    for (const side of [pair.previous, pair.current])
      for (const path of nonDirectories(side).keys()) if (!removed.has(path)) this.occupy(path)
  }

  private occupy(path: string): void {
    let node = this.root
    for (const segment of path.split('/').slice(0, -1)) {
      let child = node.get(segment)
      if (!child) node.set(segment, (child = new Map()))
      node = child
    }
  }

  /** Whether `folder` (`a/b`, no slash at the end) holds no file any more. */
  isGone(folder: string): boolean {
    let node: Node | undefined = this.root
    for (const segment of folder.split('/')) if (!(node = node.get(segment))) return true
    return false
  }

  /**
   * The shallowest folder above `path` that holds no file any more and is longer than `below` (a folder
   * of the path, or '' for any), or undefined when every such folder still holds one.
   */
  shallowestGone(path: string, below = ''): string | undefined {
    let node: Node | undefined = this.root
    let end = -1
    for (const segment of path.split('/').slice(0, -1)) {
      end += segment.length + 1
      node = node?.get(segment)
      if (!node && end > below.length) return path.slice(0, end)
    }
    return undefined
  }
}
