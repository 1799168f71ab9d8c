/** Fields that hold digests the reader computed, never text from an archive. */
const DIGESTS = new Set(['sha256', 'oldSha256', 'newSha256'])

/**
 * Every text of a report passed through `redact`: messages, diffs and notes, and every path too (a
 * token can be a file's name, which RECORD or SOURCES.txt lists), so a secret found anywhere in the
 * release is in no output. Done once, on the finished report, so that no renderer can miss a field.
 */
export function redactReport<T>(report: T, redact: (text: string) => string): T {
  return redactValue(report, redact) as T
}

function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value)
  if (Array.isArray(value)) return value.map(item => redactValue(item, redact))
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      DIGESTS.has(key) ? field : redactValue(field, redact)
    ])
  )
}

/** One redaction for texts that several comparisons' secrets apply to (an sdist and its wheels). */
export function allRedactions(redactions: ((text: string) => string)[]): (text: string) => string {
  return text => redactions.reduce((out, redact) => redact(out), text)
}
