import type { ErrorObject, JSONSchemaType, ValidateFunction } from 'ajv'
import { RULES } from '../judge/registry.js'
import { PIN_RULES } from '../judge/dependency-pins.js'
import { SEVERITIES } from '../judge/severity.js'

/** The config file as written: `.github/sdist-diff.yml`. */
export interface ConfigDocument {
  rules?: Record<string, string | false> | null
  'ignore-paths'?: string[] | null
  accept?: { rule: string; match?: string; reason: string }[] | null
}

export const RULE_IDS = [...new Set([...RULES, ...PIN_RULES].map(rule => rule.id))]

/** A severity or `off`, in any case, with blanks around it. */
const SETTING = `^\\s*(?:${[...SEVERITIES, 'off'].map(anyCase).join('|')})\\s*$`

function anyCase(word: string): string {
  return [...word].map(c => `[${c.toLowerCase()}${c.toUpperCase()}]`).join('')
}

const SCHEMA: JSONSchemaType<ConfigDocument> = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      type: 'object',
      nullable: true,
      required: [],
      propertyNames: { type: 'string', enum: RULE_IDS },
      additionalProperties: {
        anyOf: [
          { type: 'string', pattern: SETTING },
          { type: 'boolean', const: false }
        ]
      }
    },
    'ignore-paths': {
      type: 'array',
      nullable: true,
      items: { type: 'string', pattern: '\\S' }
    },
    accept: {
      type: 'array',
      nullable: true,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'reason'],
        properties: {
          rule: { type: 'string', enum: RULE_IDS },
          match: { type: 'string', minLength: 1, nullable: true },
          reason: { type: 'string', pattern: '\\S' }
        }
      }
    }
  }
}

let compiled: Promise<ValidateFunction<ConfigDocument>> | undefined

/** The config document's validator: ajv is loaded and the schema compiled when a config is first read. */
export function configValidator(): Promise<ValidateFunction<ConfigDocument>> {
  return (compiled ??= import('ajv').then(loaded => {
    // ajv is CommonJS: imported at run time from the bundle, its exports arrive as the default export.
    const { Ajv } = (loaded.Ajv ? loaded : loaded.default) as typeof loaded
    return new Ajv({ allErrors: false, strict: false }).compile(SCHEMA)
  }))
}

/** What is wrong with a config document, in the words of its keys: the first problem ajv found. */
export function describeConfigError(document: unknown, error: ErrorObject | undefined): string {
  const [key, name, field] = (error?.instancePath ?? '').split('/').slice(1)
  const value = lookup(document, error?.instancePath ?? '')
  if (!key) {
    if (error?.keyword === 'additionalProperties')
      return `unknown key "${String(error.params.additionalProperty)}" (allowed: rules, ignore-paths, accept)`
    return 'must be a mapping with "rules", "ignore-paths" and "accept"'
  }
  if (key === 'rules') {
    if (error?.keyword === 'propertyNames' || error?.propertyName !== undefined)
      return `unknown rule "${String(error?.propertyName ?? error?.params.propertyName)}" under "rules" (known rules: ${RULE_IDS.join(', ')})`
    if (name === undefined) return '"rules" must map rule ids to a severity or off'
    return `rules.${name} must be one of ${SEVERITIES.join(', ')}, off; got "${String(value)}"`
  }
  if (key === 'ignore-paths') return '"ignore-paths" must be a list of glob strings'
  return describeAcceptError(name, field, error, value)
}

function describeAcceptError(
  index: string | undefined,
  field: string | undefined,
  error: ErrorObject | undefined,
  value: unknown
): string {
  if (index === undefined) return '"accept" must be a list of {rule, match, reason}'
  const where = `accept[${index}]`
  if (error?.keyword === 'additionalProperties')
    return `${where}: unknown key "${String(error.params.additionalProperty)}" (allowed: rule, match, reason)`
  const missing = error?.keyword === 'required' ? String(error.params.missingProperty) : field
  if (missing === 'rule')
    return `${where}.rule must be a known rule id; got "${field === 'rule' ? String(value) : 'undefined'}"`
  if (missing === 'reason') return `${where}.reason must say why the change is intended`
  if (missing === 'match')
    return `${where}.match must be a non-empty string (a message substring or a path glob)`
  return `${where} must be a mapping with rule and reason`
}

function lookup(document: unknown, pointer: string): unknown {
  let value = document
  for (const key of pointer.split('/').slice(1))
    value = (value as Record<string, unknown> | undefined)?.[
      key.replace(/~1/g, '/').replace(/~0/g, '~')
    ]
  return value
}
