// Cuts rendered Markdown to a size at line boundaries only. Every span the renderers write (code spans,
// escaped text, a <summary>) is on one line, so a line boundary never lands inside one; tables lose
// whole rows, and a fenced block or <details> cut open is closed, so nothing after the cut is swallowed.

export interface Cut {
  text: string
  /** What the cut left out, for the note under it ("12 table rows, 3 diffs"), or '' when nothing. */
  leftOut: string
}

interface State {
  /** The fence of the open code block, if any. */
  fence?: string
  /** `<details>` opened and not yet closed. */
  details: number
}

const FENCE = /^(`{3,}|~{3,})/

/** The longest prefix of `text`, cut after a whole line, that fits `max` with its closing tags. */
export function cutAtLines(text: string, max: number, measure: (text: string) => number): Cut {
  const lines = text.split('\n')
  let state: State = { details: 0 }
  let size = 0
  let kept = 0
  for (const line of lines) {
    const next = advance(state, line)
    const lineSize = measure(line) + 1
    if (size + lineSize + measure(closing(next)) > max) break
    state = next
    size += lineSize
    kept++
  }
  if (kept === lines.length) return { text, leftOut: '' }
  const head = lines.slice(0, kept).join('\n')
  return {
    text: (kept ? `${head}\n` : '') + closing(state),
    leftOut: describeLeftOut(lines.slice(kept), state)
  }
}

function advance(state: State, line: string): State {
  if (state.fence !== undefined) {
    return closesFence(state.fence, line) ? { details: state.details } : { ...state }
  }
  const opens = FENCE.exec(line)
  if (opens?.[1]) return { ...state, fence: opens[1] }
  const opened = (line.match(/<details>/g) ?? []).length
  const closed = (line.match(/<\/details>/g) ?? []).length
  return { details: Math.max(0, state.details + opened - closed) }
}

function closesFence(fence: string, line: string): boolean {
  const run = line.trimEnd()
  return run.length >= fence.length && run === (fence[0] ?? '`').repeat(run.length)
}

/** What closes the blocks left open: the fence, then each `<details>`. */
function closing(state: State): string {
  const fence = state.fence === undefined ? '' : `${state.fence}\n`
  return fence + '\n</details>\n'.repeat(state.details)
}

function describeLeftOut(rest: string[], state: State): string {
  let rows = 0
  let diffs = 0
  let sections = 0
  let codeLines = 0
  let fence = state.fence
  for (const [i, line] of rest.entries()) {
    if (fence !== undefined) {
      if (closesFence(fence, line)) fence = undefined
      else codeLines++
      continue
    }
    fence = FENCE.exec(line)?.[1]
    if (fence !== undefined) continue
    // A table's header row is the one above its |---| line.
    if (line.startsWith('|') && !line.startsWith('|---') && !rest[i + 1]?.startsWith('|---')) rows++
    else if (line.startsWith('<details><summary>')) diffs++
    else if (/^#{2,4} /.test(line)) sections++
  }
  const parts = [
    sections && `${sections} section${sections === 1 ? '' : 's'}`,
    rows && `${rows} table row${rows === 1 ? '' : 's'}`,
    diffs && `${diffs} folded block${diffs === 1 ? '' : 's'}`,
    codeLines && `${codeLines} line${codeLines === 1 ? '' : 's'} of code`
  ].filter(Boolean)
  return parts.length ? parts.join(', ') : `${rest.length} lines`
}
