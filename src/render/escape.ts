// Untrusted text (file names, metadata values, diff bodies) is escaped for the context it lands in, so
// it cannot break the Markdown, inject HTML, close a code fence or @-mention anyone.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BREAK = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

const escapeControl = (c: string) => `\\u{${c.codePointAt(0)?.toString(16)}}`

/** Control and bidi-override characters shown as visible `\u{…}` escapes; line breaks kept. */
export function visibleControls(text: string): string {
  return text.replace(CONTROL, escapeControl)
}

/**
 * For one-line contexts (a line of the text report, a table cell, an annotation, a log line): line
 * breaks and tabs are shown as escapes too, so a file name cannot start a line of its own.
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL_OR_BREAK, escapeControl)
}

/**
 * For a line of the Actions log: one line, and no workflow command in it. The runner takes a line that
 * starts with `::` as a command, and `##[command]` anywhere in a line (its older syntax): a package name
 * from a pull request's lockfile could otherwise `add-mask` or `set-output` from a log line.
 */
export function logLine(text: string): string {
  const line = oneLine(text)
  const bounded = line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE - 1)}…` : line
  return bounded.replace(/##\[/g, '#\u200b#[').replace(/^(\s*):(?=:)/, '$1:\u200b')
}

/** A log line longer than this (a name of a hostile lockfile) is cut: nobody reads further. */
const MAX_LOG_LINE = 1000

/**
 * A zero-width space after `@` stops GitHub from turning `@name` into a mention or team ping; one inside
 * `://` and after `www` stops every autolink (dotted or not, IPs, `https://134744072/`, `www.`).
 */
export function defuseMentions(text: string): string {
  return text
    .replace(/@/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/\b(www)(\\?\.)/gi, '$1\u200b$2')
}

/** Plain prose in Markdown (and in table cells): one line, no HTML, no Markdown syntax. */
export function markdownText(text: string): string {
  return defuseMentions(
    oneLine(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_{}[\]()#+\-.!|~]/g, c => `\\${c}`)
  )
}

function longestBacktickRun(body: string, atLeast: number): number {
  let longest = atLeast
  for (const run of body.matchAll(/`+/g)) longest = Math.max(longest, run[0].length)
  return longest
}

/** An inline code span that holds any text, safe inside a table cell too. */
export function codeSpan(text: string): string {
  const body = oneLine(text).replace(/\|/g, '\\|')
  const longestRun = longestBacktickRun(body, 0)
  const fence = '`'.repeat(longestRun + 1)
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : ''
  return `${fence}${pad}${body}${pad}${fence}`
}

/** A fenced block whose fence is longer than any backtick run in the body, so the body cannot close it. */
export function codeFence(body: string, language = ''): string {
  const longestRun = longestBacktickRun(body, 2)
  const fence = '`'.repeat(longestRun + 1)
  return `${fence}${language}\n${visibleControls(body)}\n${fence}`
}

/** Text inside raw HTML such as `<summary>`. */
export function htmlText(text: string): string {
  return defuseMentions(
    oneLine(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;')
      .replace(/[`*_[\]\\|]/g, c => `&#${c.charCodeAt(0)};`)
  )
}
