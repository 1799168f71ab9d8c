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
  /** Called by a reader that can wait, after each entry: resolves when it may read on. */
  pace?(side: 0 | 1, bytes: number): Promise<void>
  /** The side has read everything (or failed): the other need not wait for it. */
  finish?(side: 0 | 1): void
}

export function dropText(entry: Entry): void {
  delete entry.content
  delete entry.scanContent
  delete entry.text
}

/** How far (uncompressed bytes) one side may read ahead of the other before it waits. */
const AHEAD_BYTES = 4 * 1024 ** 2

/**
 * Shared by the two concurrent reads of a pair: when a file has arrived on both sides with the same
 * SHA-256, neither copy of its content can show up in a diff, so both are dropped. Memory then holds
 * the changed files and whatever one side has read ahead of the other, not both archives.
 */
export class TextRetention implements ContentKeeper {
  private readonly seen: [Map<string, Entry>, Map<string, Entry>] = [new Map(), new Map()]
  private readonly progress = [0, 0]
  private readonly finished = [false, false]
  private waiting: (() => void)[] = []

  track(side: 0 | 1, entry: Entry): void {
    this.seen[side].set(entry.path, entry)
    if (!this.matched(side, entry.path, entry.sha256)) return
    const other = this.seen[side === 0 ? 1 : 0].get(entry.path)
    if (other) dropText(other)
    dropText(entry)
  }

  matched(side: 0 | 1, path: string, sha256: string): boolean {
    const other = this.seen[side === 0 ? 1 : 0].get(path)
    return other !== undefined && other.sha256 === sha256 && !isMetadataFile(path)
  }

  /**
   * A side that has read far ahead of the other waits for it: its content would otherwise be held until
   * the other side's copy arrived, which for a fast zip reader is the whole archive.
   */
  async pace(side: 0 | 1, bytes: number): Promise<void> {
    this.progress[side] = (this.progress[side] ?? 0) + bytes
    this.wake()
    const other = side === 0 ? 1 : 0
    while (
      !this.finished[other] &&
      (this.progress[side] ?? 0) - (this.progress[other] ?? 0) > AHEAD_BYTES
    )
      await new Promise<void>(resolve => this.waiting.push(resolve))
  }

  finish(side: 0 | 1): void {
    this.finished[side] = true
    this.wake()
  }

  private wake(): void {
    const waiting = this.waiting
    this.waiting = []
    for (const resolve of waiting) resolve()
  }
}
