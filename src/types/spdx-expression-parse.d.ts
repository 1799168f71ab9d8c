declare module 'spdx-expression-parse' {
  /** Parses an SPDX license expression; throws on an invalid one or an unknown licence id. */
  export default function parse(expression: string): unknown
}
