import { Marker } from './markers.js'
import { normalizeName } from './names.js'
import { Pep508SyntaxError, PY_SPACE, Tokenizer } from './pep508-tokenizer.js'
import { SpecifierSet } from './specifiers.js'

/** A PEP 508 requirement, modelled on `packaging.requirements.Requirement`, every part typed. */
export interface Requirement {
  /** As written. */
  readonly text: string
  readonly name: string
  /** PEP 503 normalised. */
  readonly key: string
  /** Normalised and sorted. */
  readonly extras: readonly string[]
  /** As written, sorted, as packaging keeps them. */
  readonly declaredExtras: readonly string[]
  readonly specifier: SpecifierSet
  /** packaging's `str(SpecifierSet)`: the clauses as written, without spaces, sorted. */
  readonly specifierText: string
  readonly url?: string
  readonly marker?: Marker
}

export type RequirementParse =
  { ok: true; requirement: Requirement } | { ok: false; text: string; error: string }

/**
 * Parsed requirements by their text: the same lines recur in PKG-INFO, requires.txt and pyproject.toml
 * of both releases. Results are immutable, so they are shared.
 */
const parsedRequirements = new Map<string, RequirementParse>()
const MAX_CACHED = 10_000

/**
 * Parses one PEP 508 requirement as `packaging.requirements.Requirement` does (its grammar and its
 * errors); never throws. Written here: the npm parsers read requirements.txt lines, not PEP 508.
 */
export function parseRequirement(text: string): RequirementParse {
  let result = parsedRequirements.get(text)
  if (result === undefined) {
    result = parseUncached(text)
    if (parsedRequirements.size >= MAX_CACHED) parsedRequirements.clear()
    parsedRequirements.set(text, result)
  }
  return result
}

function parseUncached(text: string): RequirementParse {
  let parsed: Parsed
  try {
    parsed = parseTokens(new Tokenizer(text))
  } catch (error) {
    if (error instanceof Pep508SyntaxError) return { ok: false, text, error: error.message }
    throw error
  }
  const specifier = SpecifierSet.parse(parsed.clauses.join(','))
  if (!specifier)
    return { ok: false, text, error: `invalid version specifier "${parsed.clauses.join(',')}"` }
  const declaredExtras = [...new Set(parsed.extras)].sort()
  return {
    ok: true,
    requirement: {
      text: text.trim(),
      name: parsed.name,
      key: normalizeName(parsed.name),
      extras: [...new Set(parsed.extras.map(normalizeName))].sort(),
      declaredExtras,
      specifier,
      specifierText: specifierText(parsed.clauses),
      ...(parsed.url !== undefined && { url: parsed.url }),
      ...(parsed.marker && { marker: parsed.marker })
    }
  }
}

interface Parsed {
  name: string
  extras: string[]
  /** Each clause stripped of spaces around its version, as `packaging.specifiers.Specifier` keeps it. */
  clauses: string[]
  url?: string
  marker?: Marker
}

// requirement = WS? IDENTIFIER WS? extras WS? requirement_details END
function parseTokens(tokenizer: Tokenizer): Parsed {
  tokenizer.consume('WS')
  const name = tokenizer.expect(
    'IDENTIFIER',
    'package name at the start of dependency specifier'
  ).text
  tokenizer.consume('WS')
  const extras = parseExtras(tokenizer)
  tokenizer.consume('WS')
  const details = parseDetails(tokenizer)
  tokenizer.expect('END', 'end of dependency specifier')
  return { name, extras, ...details }
}

// requirement_details = AT URL (WS requirement_marker?)? | specifier WS? requirement_marker?
function parseDetails(tokenizer: Tokenizer): Omit<Parsed, 'name' | 'extras'> {
  if (tokenizer.check('AT')) {
    tokenizer.read()
    tokenizer.consume('WS')
    const urlStart = tokenizer.position
    const url = tokenizer.expect('URL', 'URL after @').text
    if (tokenizer.check('END', true)) return { clauses: [], url }
    // A `;` straight after the URL is part of it: the marker needs whitespace before it.
    tokenizer.expect('WS', 'whitespace after URL')
    if (tokenizer.check('END', true)) return { clauses: [], url }
    const marker = parseMarkerPart(tokenizer, urlStart, 'semicolon (after URL and whitespace)')
    return { clauses: [], url, marker }
  }
  const start = tokenizer.position
  const clauses = parseSpecifier(tokenizer)
  tokenizer.consume('WS')
  if (tokenizer.check('END', true)) return { clauses }
  const expected = clauses.length
    ? 'comma (within version specifier), semicolon (after version specifier)'
    : 'semicolon (after name with no version specifier)'
  return { clauses, marker: parseMarkerPart(tokenizer, start, expected) }
}

// requirement_marker = SEMICOLON marker WS?
function parseMarkerPart(tokenizer: Tokenizer, start: number, expected: string): Marker {
  if (!tokenizer.check('SEMICOLON')) tokenizer.fail(`Expected ${expected} or end`, start)
  tokenizer.read()
  const marker = Marker.read(tokenizer)
  tokenizer.consume('WS')
  return marker
}

// extras = (LEFT_BRACKET WS? extras_list? WS? RIGHT_BRACKET)?
function parseExtras(tokenizer: Tokenizer): string[] {
  if (!tokenizer.check('LEFT_BRACKET', true)) return []
  return tokenizer.enclosed('LEFT_BRACKET', 'RIGHT_BRACKET', 'extras', () => {
    tokenizer.consume('WS')
    const extras = parseExtrasList(tokenizer)
    tokenizer.consume('WS')
    return extras
  })
}

// extras_list = IDENTIFIER (WS? COMMA WS? IDENTIFIER)*
function parseExtrasList(tokenizer: Tokenizer): string[] {
  if (!tokenizer.check('IDENTIFIER')) return []
  const extras = [tokenizer.read().text]
  for (;;) {
    tokenizer.consume('WS')
    if (tokenizer.check('IDENTIFIER', true)) tokenizer.fail('Expected comma between extra names')
    if (!tokenizer.check('COMMA')) break
    tokenizer.read()
    tokenizer.consume('WS')
    extras.push(tokenizer.expect('IDENTIFIER', 'extra name after comma').text)
  }
  return extras
}

// specifier = LEFT_PARENTHESIS WS? version_many WS? RIGHT_PARENTHESIS | WS? version_many WS?
function parseSpecifier(tokenizer: Tokenizer): string[] {
  return tokenizer.enclosed('LEFT_PARENTHESIS', 'RIGHT_PARENTHESIS', 'version specifier', () => {
    tokenizer.consume('WS')
    const clauses = parseVersionMany(tokenizer)
    tokenizer.consume('WS')
    return clauses
  })
}

// version_many = (SPECIFIER (WS? COMMA WS? SPECIFIER)*)?
function parseVersionMany(tokenizer: Tokenizer): string[] {
  const clauses: string[] = []
  while (tokenizer.check('SPECIFIER')) {
    const start = tokenizer.position
    clauses.push(tokenizer.read().text)
    if (tokenizer.check('VERSION_PREFIX_TRAIL', true))
      tokenizer.fail(
        '.* suffix can only be used with `==` or `!=` operators',
        start,
        tokenizer.position + 1
      )
    if (tokenizer.check('VERSION_LOCAL_LABEL_TRAIL', true))
      tokenizer.fail(
        'Local version label can only be used with `==` or `!=` operators',
        start,
        tokenizer.position
      )
    tokenizer.consume('WS')
    if (!tokenizer.check('COMMA')) break
    tokenizer.read()
    tokenizer.consume('WS')
  }
  return clauses
}

const CLAUSE = new RegExp(
  `^${PY_SPACE}*(===|~=|==|!=|<=|>=|<|>)${PY_SPACE}*(.*?)${PY_SPACE}*$`,
  's'
)

/** `>= 1.0` → `>=1.0`: the operator, then the version stripped, as packaging prints a clause. */
function clauseText(clause: string): string {
  const [, operator = '', version = ''] = CLAUSE.exec(clause) ?? []
  return `${operator}${version}`
}

/** packaging's `str(SpecifierSet)`: clauses sorted; of clauses that mean the same, the first kept. */
function specifierText(clauses: string[]): string {
  const seen = new Set<string>()
  const kept: string[] = []
  // SpecifierSet splits on commas, which `===`'s arbitrary text may hold (`===1.0,,>=2`).
  const split = clauses.flatMap(clause => clause.split(',')).filter(c => c.trim() !== '')
  for (const clause of split.map(clauseText).sort()) {
    const meaning = clause.startsWith('===')
      ? clause
      : (SpecifierSet.parse(clause)?.toString() ?? clause)
    if (seen.has(meaning)) continue
    seen.add(meaning)
    kept.push(clause)
  }
  return kept.join(',')
}

/** packaging's `str(Requirement)`: `name[extras]specifier`, ` @ url`, `; marker`. */
export function requirementString(requirement: Requirement): string {
  const { name, declaredExtras, specifierText, url, marker } = requirement
  const extras = declaredExtras.length ? `[${declaredExtras.join(',')}]` : ''
  const at = url !== undefined ? ` @ ${url}${marker ? ' ' : ''}` : ''
  return `${name}${extras}${specifierText}${at}${marker ? `; ${marker}` : ''}`
}

/** The requirement in canonical form, for display: `name[extras] specifier ; marker` or `name @ url`. */
export function formatRequirement(requirement: Requirement): string {
  const extras = requirement.extras.length ? `[${requirement.extras.join(',')}]` : ''
  const version = requirement.url ? ` @ ${requirement.url}` : requirement.specifier.toString()
  const marker = requirement.marker ? `; ${requirement.marker}` : ''
  return `${requirement.key}${extras}${version}${marker}`
}

/** The same requirement however spelled: name, extras, URL and marker alike, and the same versions allowed. */
export function sameRequirement(a: Requirement, b: Requirement): boolean {
  return (
    a.key === b.key &&
    a.extras.join() === b.extras.join() &&
    a.url === b.url &&
    (a.marker?.key ?? '') === (b.marker?.key ?? '') &&
    a.specifier.equals(b.specifier)
  )
}

/** Whether two lists declare the same requirements, in any order. */
export function sameRequirements(a: readonly Requirement[], b: readonly Requirement[]): boolean {
  if (a.length !== b.length) return false
  const unmatched = [...b]
  return a.every(requirement => {
    const index = unmatched.findIndex(other => sameRequirement(requirement, other))
    return index >= 0 && unmatched.splice(index, 1).length === 1
  })
}
