import type { SyntaxNode } from '@lezer/common'

/** What a local name stands for, as resolved through imports and assignments. */
export type Aliases = Map<string, string>

/** `import a.b as c` → c: a.b; `import a.b` → a: a; `from x import y as z` → z: x.y. */
export function importAliases(top: SyntaxNode, text: string): Map<string, string> {
  const aliases = new Map<string, string>()
  top.cursor().iterate(node => {
    if (node.name !== 'ImportStatement') return undefined
    const source = text
      .slice(node.from, node.to)
      .replace(/\s+/g, ' ')
      .replace(/[()\\]/g, '')
    const from = /^from\s+([\w.]+)\s+import\s+(.+)$/.exec(source)
    if (from) {
      for (const part of (from[2] ?? '').split(',')) {
        const [name = '', alias] = part.trim().split(/\s+as\s+/)
        if (name && name !== '*')
          aliases.set(alias ?? name, `${from[1]}${from[1]?.endsWith('.') ? '' : '.'}${name}`)
      }
    } else {
      for (const part of source.replace(/^import\s+/, '').split(',')) {
        const [name = '', alias] = part.trim().split(/\s+as\s+/)
        if (alias) aliases.set(alias, name)
        else if (name) aliases.set(name.split('.')[0] ?? name, name.split('.')[0] ?? name)
      }
    }
    return false
  })
  return aliases
}

/** Names bound to the result of a matching call (`payload = base64.b64decode(…)`), anywhere in the file. */
export function namesAssignedFrom(
  top: SyntaxNode,
  text: string,
  aliases: Map<string, string>,
  pattern: RegExp
): Set<string> {
  const names = new Set<string>()
  top.cursor().iterate(node => {
    if (node.name !== 'AssignStatement') return undefined
    const target = node.node.firstChild
    const value = node.node.lastChild
    if (target?.name !== 'VariableName' || !value) return undefined
    let hit = false
    value.cursor().iterate(inner => {
      if (
        inner.name === 'CallExpression' &&
        pattern.test(calleeName(inner.node, text, aliases) ?? '')
      )
        hit = true
    })
    if (hit) names.add(text.slice(target.from, target.to))
    return undefined
  })
  return names
}

/** The resolved name of what is called; `(…).write` when only the method is a plain name. */
export function calleeName(
  call: SyntaxNode,
  text: string,
  aliases: Map<string, string>
): string | undefined {
  const callee = call.firstChild
  if (!callee) return undefined
  const name = qualified(callee, text, aliases)
  if (name || callee.name !== 'MemberExpression') return name
  const property = callee.lastChild
  return property?.name === 'PropertyName'
    ? `(…).${text.slice(property.from, property.to)}`
    : undefined
}

/** `sp.Popen` → `subprocess.Popen` when `import subprocess as sp`; undefined for anything not a name path. */
export function qualified(
  node: SyntaxNode,
  text: string,
  aliases: Map<string, string>
): string | undefined {
  if (node.name === 'VariableName') {
    const name = text.slice(node.from, node.to)
    return aliases.get(name) ?? name
  }
  if (node.name === 'ParenthesizedExpression') {
    const inner = node.firstChild?.nextSibling
    return inner ? qualified(inner, text, aliases) : undefined
  }
  if (node.name === 'CallExpression') return importedByName(node, text, aliases)
  if (node.name !== 'MemberExpression') return undefined
  const object = node.firstChild
  const property = node.lastChild
  if (!object || property?.name !== 'PropertyName') return undefined
  const head = qualified(object, text, aliases)
  return head ? withoutBuiltins(`${head}.${text.slice(property.from, property.to)}`) : undefined
}

/** `builtins.exec`, `__builtins__.exec`: the builtin itself. */
const withoutBuiltins = (name: string) => name.replace(/^(?:builtins|__builtins__)\.(?=\w+$)/, '')

/**
 * What a call with constant strings names as Python runs it: `__import__('zlib')` and
 * `importlib.import_module('zlib')` the module, `getattr(os, 'system')` the attribute.
 */
export function importedByName(
  call: SyntaxNode,
  text: string,
  aliases: Map<string, string>
): string | undefined {
  const callee = call.firstChild
  const args = call.getChild('ArgList')
  if (!callee || !args) return undefined
  const name = qualified(callee, text, aliases)
  const values = args.getChildren('String').map(s => text.slice(s.from, s.to))
  const constant = /^['"]([\w.]+)['"]$/.exec(values[0] ?? '')?.[1]
  if (!constant) return undefined
  // `__import__('a.b')` returns the package `a` unless a fromlist asks for `a.b` itself.
  if (name === '__import__')
    return args.getChildren(',').length ? constant : (constant.split('.')[0] ?? constant)
  if (name === 'importlib.import_module') return constant
  if (name !== 'getattr') return undefined
  const object = args.firstChild?.nextSibling
  const head = object && qualified(object, text, aliases)
  return head ? withoutBuiltins(`${head}.${constant}`) : undefined
}

/**
 * `run = subprocess.Popen` and `_ = lambda b: zlib.decompress(b)`: the name stands for what it is bound
 * to (a lambda for the call it makes), in assignment order, so aliases of aliases resolve.
 */
export function assignedAliases(top: SyntaxNode, text: string, aliases: Map<string, string>): void {
  top.cursor().iterate(node => {
    if (node.name !== 'AssignStatement') return undefined
    const target = node.node.firstChild
    let value = node.node.lastChild
    if (
      target?.name !== 'VariableName' ||
      !value ||
      target.nextSibling?.nextSibling?.from !== value.from
    )
      return undefined
    if (value.name === 'LambdaExpression') value = value.lastChild
    const bound =
      value?.name === 'CallExpression'
        ? (importedByName(value, text, aliases) ?? calleeName(value, text, aliases))
        : value && qualified(value, text, aliases)
    const name = text.slice(target.from, target.to)
    if (bound && bound !== name && /^[\w.]+$/.test(bound)) aliases.set(name, bound)
    return undefined
  })
}

export function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}
