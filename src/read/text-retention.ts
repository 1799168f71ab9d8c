import type { Entry } from './types.js'

/** Files whose text the metadata rules read even when both sides hold the same bytes. */
const METADATA_FILE =
  /^(?:PKG-INFO|pyproject\.toml|setup\.py|setup\.cfg|(?:src\/)?[^/]+\.egg-info\/[^/]+|[^/]+\.dist-info\/(?:METADATA|WHEEL|entry_points\.txt))$/

export function isMetadataFile(path: string): boolean {
  return METADATA_FILE.test(path)
}

export interface ContentKeeper {
  /** Called as each entry is complete; may drop `entry.content`. */
  track(side: 0 | 1, entry: Entry): void
  /** True when the content will be dropped on arrival anyway, so the reader need not copy it. */
  matched?(side: 0 | 1, path: string, sha256: string): boolean
}

/**
 * Shared by the two concurrent reads of a pair: when a file has arrived on both sides with the same
 * SHA-256, neither copy of its content can show up in a diff, so both are dropped. Memory then holds
 * the changed files and whatever one side has read ahead of the other, not both archives.
 */
export class TextRetention implements ContentKeeper {
  private readonly seen: [Map<string, Entry>, Map<string, Entry>] = [new Map(), new Map()]

  track(side: 0 | 1, entry: Entry): void {
    this.seen[side].set(entry.path, entry)
    if (!this.matched(side, entry.path, entry.sha256)) return
    const other = this.seen[side === 0 ? 1 : 0].get(entry.path)
    if (other) delete other.content
    delete entry.content
  }

  matched(side: 0 | 1, path: string, sha256: string): boolean {
    const other = this.seen[side === 0 ? 1 : 0].get(path)
    return other !== undefined && other.sha256 === sha256 && !isMetadataFile(path)
  }
}
