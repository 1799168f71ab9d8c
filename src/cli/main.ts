import { parseArgs } from 'node:util'
import { DEFAULT_CONFIG_PATH, loadConfig } from '../config.js'
import { diffSdistFiles, DEFAULT_REPORT_OPTIONS } from '../report.js'
import { FORMATS, render, type Format } from '../render/index.js'
import { parseRisk, reachesThreshold, type Risk } from '../severity.js'
import { writeFileAtomic } from '../write-file-atomic.js'

export const USAGE = `Usage: sdist-diff PREVIOUS.tar.gz CURRENT.tar.gz [options]

Compares two Python source distributions and judges what the release changes.

Options:
  --format text|markdown|json   report format (default: text)
  --fail-on none|info|low|medium|high
                                exit 1 when the risk reaches this level (default: high)
  --output FILE                 write the report to FILE instead of standard output
  --config FILE                 rule severities and ignored paths (default: .github/sdist-diff.yml
                                when it exists)
  -h, --help                    show this help

Exit status: 0 risk below --fail-on, 1 risk reached --fail-on, 2 bad usage or unreadable input.
`

export interface CliIO {
  stdout: (text: string) => void
  stderr: (text: string) => void
}

export class UsageError extends Error {}

interface CliOptions {
  previous: string
  current: string
  format: Format
  failOn: Risk
  output?: string
  config?: string
}

export function parseCliArgs(argv: string[]): CliOptions | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'high' },
        output: { type: 'string', short: 'o' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) return 'help'
  if (positionals.length !== 2) {
    throw new UsageError(
      `expected PREVIOUS and CURRENT sdists, got ${positionals.length} arguments`
    )
  }
  const format = values.format as Format
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${values.format}"`)
  }
  let failOn: Risk
  try {
    failOn = parseRisk(values['fail-on'], '--fail-on')
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const [previous = '', current = ''] = positionals
  return {
    previous,
    current,
    format,
    failOn,
    ...(values.output && { output: values.output }),
    ...(values.config && { config: values.config })
  }
}

/** Runs the CLI and returns its exit status; never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    const options = parseCliArgs(argv)
    if (options === 'help') {
      io.stdout(USAGE)
      return 0
    }
    const judge = await loadConfig(
      options.config ?? DEFAULT_CONFIG_PATH,
      options.config !== undefined
    )
    const report = await diffSdistFiles(options.previous, options.current, {
      ...DEFAULT_REPORT_OPTIONS,
      judge
    })
    const output = render(report, options.format)
    if (options.output) await writeFileAtomic(options.output, output)
    else io.stdout(output)
    if (reachesThreshold(report.risk, options.failOn)) {
      io.stderr(`sdist-diff: risk ${report.risk} reaches --fail-on ${options.failOn}\n`)
      return 1
    }
    return 0
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`sdist-diff: ${message}\n`)
    if (error instanceof UsageError) io.stderr(`Run sdist-diff --help for usage.\n`)
    return 2
  }
}
