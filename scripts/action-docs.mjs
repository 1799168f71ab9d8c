// Writes the README's input and output tables from action.yml; `--check` fails when they differ.
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

const START = '<!-- action-docs:start (generated from action.yml by scripts/action-docs.mjs) -->'
const END = '<!-- action-docs:end -->'

export function actionTables(actionYaml) {
  const action = parse(actionYaml)
  const cell = text =>
    String(text ?? '')
      .replace(/\s+/g, ' ')
      .replace(/\|/g, '\\|')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .trim()
  const code = text =>
    text === '' || text === undefined ? '' : `\`${String(text).replace(/`/g, "'")}\``
  const inputs = Object.entries(action.inputs ?? {}).map(
    ([name, input]) => `| \`${name}\` | ${code(input.default)} | ${cell(input.description)} |`
  )
  const outputs = Object.entries(action.outputs ?? {}).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`
  )
  return [
    '| input | default | description |',
    '|---|---|---|',
    ...inputs,
    '',
    '| output | description |',
    '|---|---|',
    ...outputs
  ].join('\n')
}

export function withTables(readme, tables) {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} block`)
  return `${readme.slice(0, start)}${START}\n${tables}\n${readme.slice(end)}`
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const readme = readFileSync('README.md', 'utf8')
  const updated = withTables(readme, actionTables(readFileSync('action.yml', 'utf8')))
  if (process.argv.includes('--check')) {
    if (updated !== readme) {
      console.error(
        'README.md input/output tables differ from action.yml: run node scripts/action-docs.mjs'
      )
      process.exit(1)
    }
  } else writeFileSync('README.md', updated)
}
