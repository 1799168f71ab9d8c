import * as core from '@actions/core'
import { DEFAULT_CONFIG_PATH } from './config.js'
import { parseRisk, type Risk } from './severity.js'

export interface Inputs {
  previous: string
  current: string
  failOn: Risk
  summary: boolean
  config: string
  configExplicit: boolean
}

function optional(name: string): string | undefined {
  const value = core.getInput(name).trim()
  return value === '' ? undefined : value
}

function required(name: string): string {
  const value = optional(name)
  if (value === undefined) throw new Error(`Input "${name}" is required: give the path of an sdist`)
  return value
}

/** Reads every input once, at the edge, into one typed object; messages name the input. */
export function readInputs(): Inputs {
  return {
    previous: required('previous'),
    current: required('current'),
    failOn: parseRisk(optional('fail-on') ?? 'high', 'Input "fail-on"'),
    summary: (optional('summary') ?? 'true').toLowerCase() !== 'false',
    config: optional('config') ?? DEFAULT_CONFIG_PATH,
    configExplicit: (optional('config') ?? DEFAULT_CONFIG_PATH) !== DEFAULT_CONFIG_PATH
  }
}
