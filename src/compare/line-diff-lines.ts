// A text's lines as offsets into it, and lines interned to integers (equal lines, equal ids).

/**
 * A text's lines, with their line ending attached as jsdiff's diffLines tokenises ("a\n" differs from
 * "a"), as offsets: only the lines a hunk shows are cut out of the text.
 */
export class Lines {
  readonly length: number
  private readonly starts: Int32Array

  constructor(readonly text: string) {
    const starts = [0]
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', end + 1))
      starts.push(end + 1)
    if (starts[starts.length - 1] !== text.length) starts.push(text.length)
    this.starts = Int32Array.from(starts)
    this.length = starts.length - 1
  }

  start(i: number): number {
    return this.starts[i] as number
  }

  end(i: number): number {
    return this.starts[i + 1] as number
  }

  line(i: number): string {
    return this.text.slice(this.start(i), this.end(i))
  }
}

/**
 * Lines to integers, equal lines to the same one: an open-addressed table of FNV-1a hashes of the
 * lines' characters, sized once for both sides, so that no line is cut out of its text to be a key.
 */
export class LineIds {
  size = 0
  private readonly slots: Int32Array
  private readonly hashes: Int32Array
  /** Per id: the text and offsets of its first line. */
  private readonly texts: string[] = []
  private readonly froms: Int32Array
  private readonly tos: Int32Array

  constructor(capacity: number) {
    let slots = 16
    while (slots < 2 * capacity) slots *= 2
    this.slots = new Int32Array(slots).fill(-1)
    this.hashes = new Int32Array(capacity)
    this.froms = new Int32Array(capacity)
    this.tos = new Int32Array(capacity)
  }

  intern(lines: Lines): Int32Array {
    const out = new Int32Array(lines.length)
    for (let i = 0; i < lines.length; i++)
      out[i] = this.id(lines.text, lines.start(i), lines.end(i))
    return out
  }

  private id(text: string, from: number, to: number): number {
    let hash = 0x811c9dc5
    for (let k = from; k < to; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193)
    const mask = this.slots.length - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot] as number
      if (id < 0) {
        this.slots[slot] = this.size
        this.hashes[this.size] = hash
        this.texts.push(text)
        this.froms[this.size] = from
        this.tos[this.size] = to
        return this.size++
      }
      if (this.hashes[id] === hash && this.same(id, text, from, to)) return id
    }
  }

  private same(id: number, text: string, from: number, to: number): boolean {
    const [other, at] = [this.texts[id] as string, this.froms[id] as number]
    if ((this.tos[id] as number) - at !== to - from) return false
    for (let k = 0; k < to - from; k++)
      if (other.charCodeAt(at + k) !== text.charCodeAt(from + k)) return false
    return true
  }
}
