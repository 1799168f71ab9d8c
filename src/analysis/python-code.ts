import type { SyntaxNode } from '@lezer/common'
import { parser } from '@lezer/python'
import {
  assignedAliases,
  calleeName,
  importAliases,
  lineAt,
  namesAssignedFrom,
  qualified
} from './python-names.js'
import { DECODERS, EXECUTORS, LOADERS, NETWORK, PROCESS } from './python-patterns.js'
import { downloadExecutions, type FoundCall } from './python-flows.js'

// Python is read with @lezer/python: a maintained, pure-JS grammar that bundles with ncc as plain code
// (tree-sitter needs a WASM runtime and grammar files shipped beside the bundle). Comments, docstrings
// and string literals are tree nodes of their own, so they are never mistaken for code.

/**
 * `source-encoding`: a PEP 263 cookie makes Python read the module otherwise than a reviewer does;
 * `unread`: a module too large for the analysis to read at all.
 */
export type Behaviour =
  | 'decode-execute'
  | 'download-execute'
  | 'network'
  | 'process'
  | 'environment'
  | 'source-encoding'
  | 'unread'

/** What a call does and where it sits: at module level (runs on import) or inside a function. */
export interface CodeBehaviour {
  path: string
  line: number
  behaviour: Behaviour
  /** The call as resolved through imports, e.g. `subprocess.Popen` for `sp.Popen`. */
  call: string
  level: 'module' | 'function'
  /** The top-level function (`name`, or `Class.name` for a method) the call is in. */
  within?: string
  /** For a behaviour reached from module level through the package's own functions: the calls, outermost first. */
  via?: ChainStep[]
}

/** One call of a package function on the way from module level to a behaviour. */
export interface ChainStep {
  path: string
  line: number
  /** The callee as written after imports resolve, e.g. `_setup` or `.helpers.fetch`. */
  callee: string
}

/** A call that may be of one of the package's own functions: a local, relative or dotted name. */
export interface PackageCall {
  callee: string
  line: number
  /** Unset for a call that runs on import (module level, class body). */
  within?: string
}

/** What the call chains need of a module: its behaviours, its calls, and its top-level functions. */
export interface ModuleFacts {
  behaviours: CodeBehaviour[]
  calls: PackageCall[]
  functions: string[]
  /** What the module's imports bind: `fetch` → `.helpers.fetch` (how re-exports are followed). */
  imported: Record<string, string>
}

/** The behaviours of one Python file; a file that does not parse is read as far as the parser gets. */
export function pythonBehaviours(path: string, text: string): CodeBehaviour[] {
  return pythonModule(path, text).behaviours
}

/** A module's behaviours and the calls the call chains follow (see call-chains.ts). */
export function pythonModule(path: string, text: string): ModuleFacts {
  const tree = parser.parse(text)
  const aliases = importAliases(tree.topNode, text)
  const imported = Object.fromEntries(aliases)
  assignedAliases(tree.topNode, text, aliases)
  const decoded = namesAssignedFrom(tree.topNode, text, aliases, DECODERS)
  const found: FoundCall[] = []
  const calls = new Map<string, PackageCall>()
  tree.topNode.cursor().iterate(node => {
    if (node.name !== 'CallExpression') return
    const call = node.node
    const name = calleeName(call, text, aliases)
    if (!name) return
    const behaviour = classify(call, name, text, aliases, decoded)
    if (behaviour) found.push({ node: call, name, behaviour })
    else notePackageCall(calls, call, name, text)
  })
  const behaviours = downloadExecutions(found, text, aliases).map(({ node, name, behaviour }) => {
    const within = enclosingFunction(node, text)
    return {
      path,
      line: lineAt(text, node.from),
      behaviour,
      call: name,
      level: runsOnImport(node, text) ? ('module' as const) : ('function' as const),
      ...(within !== undefined && { within })
    }
  })
  const functions = topLevelFunctions(tree.topNode, text)
  return { behaviours, calls: [...calls.values()], functions, imported }
}

/** A call by a plain or dotted name, on import or in a top-level function: the first of each kind. */
function notePackageCall(
  calls: Map<string, PackageCall>,
  call: SyntaxNode,
  callee: string,
  text: string
): void {
  if (!/^\.*[A-Za-z_][\w.]*$/.test(callee)) return
  const onImport = runsOnImport(call, text)
  const within = onImport ? undefined : enclosingFunction(call, text)
  if (within === undefined && !onImport) return
  const key = `${callee}\0${within ?? ''}`
  if (!calls.has(key))
    calls.set(key, {
      callee,
      line: lineAt(text, call.from),
      ...(within !== undefined && { within })
    })
}

/**
 * The function a node is in, named as Python's `__qualname__` does: `name`, `Class.name` for a method,
 * `outer.<locals>.inner` for a function defined inside another (which calling `outer` does not run);
 * undefined outside functions (module level, class bodies).
 */
function enclosingFunction(node: SyntaxNode, text: string): string | undefined {
  const names: string[] = []
  let inFunction = false
  for (let at = node.parent; at; at = at.parent) {
    if (at.name !== 'FunctionDefinition' && at.name !== 'ClassDefinition') continue
    const isFunction = at.name === 'FunctionDefinition'
    if (isFunction && names.length) names.unshift('<locals>')
    names.unshift(nameOf(at, text))
    inFunction ||= isFunction
  }
  return inFunction ? names.join('.') : undefined
}

const nameOf = (definition: SyntaxNode, text: string) => {
  const name = definition.getChild('VariableName')
  return name ? text.slice(name.from, name.to) : ''
}

/** Functions defined at the module's top level (also under a top-level `if` or `try`). */
function topLevelFunctions(top: SyntaxNode, text: string): string[] {
  const names: string[] = []
  top.cursor().iterate(node => {
    if (node.name === 'ClassDefinition') return false
    if (node.name !== 'FunctionDefinition') return undefined
    names.push(nameOf(node.node, text))
    return false
  })
  return names
}

function classify(
  call: SyntaxNode,
  name: string,
  text: string,
  aliases: Map<string, string>,
  decoded: Set<string>
): Behaviour | undefined {
  const args = call.getChild('ArgList')
  if (EXECUTORS.test(name) && args && executesDecoded(args, text, aliases, decoded))
    return 'decode-execute'
  if (LOADERS.test(name) && args && hasLiteralBytes(args, text, aliases)) return 'decode-execute'
  if (NETWORK.test(name))
    return args && passesEnvironment(args, text, aliases) ? 'environment' : 'network'
  if (PROCESS.test(name))
    return args && passesEnvironment(args, text, aliases) ? 'environment' : 'process'
  if (args && passesEnvironment(args, text, aliases) && /\.write$|^json\.dump$/.test(name))
    return 'environment'
  return undefined
}

/** `exec(b64decode(…))`, `exec(zlib.decompress(…))`, or `exec(payload)` where payload was decoded. */
function executesDecoded(
  args: SyntaxNode,
  text: string,
  aliases: Map<string, string>,
  decoded: Set<string>
): boolean {
  let hit = false
  args.cursor().iterate(node => {
    if (hit) return false
    if (node.name === 'CallExpression' && DECODERS.test(calleeName(node.node, text, aliases) ?? ''))
      hit = true
    if (node.name === 'VariableName' && decoded.has(text.slice(node.from, node.to))) hit = true
    return undefined
  })
  return hit
}

/**
 * `pickle.loads(b"…")`, or of bytes a decoder has just made (`pickle.loads(base64.b64decode(…))`):
 * the callee decides, so a round trip such as `pickle.loads(pickle.dumps(json_decode_error))` in
 * requests' tests is no payload.
 */
function hasLiteralBytes(args: SyntaxNode, text: string, aliases: Map<string, string>): boolean {
  const first = args.firstChild?.nextSibling
  if (first?.name === 'String') return true
  if (first?.name !== 'CallExpression') return false
  const callee = calleeName(first, text, aliases) ?? ''
  return (
    DECODERS.test(callee) || /(?:^|\.)(?:\w*decode\w*|decompress|fromhex|unhexlify)$/.test(callee)
  )
}

/** The whole `os.environ` (not one variable read from it) handed to a call. */
function passesEnvironment(args: SyntaxNode, text: string, aliases: Map<string, string>): boolean {
  let hit = false
  args.cursor().iterate(node => {
    if (hit) return false
    if (node.name !== 'MemberExpression' && node.name !== 'VariableName') return undefined
    if (qualified(node.node, text, aliases) !== 'os.environ') return undefined
    if (!readsOneVariable(node.node, text)) hit = true
    return false
  })
  return hit
}

/** `os.environ["X"]`, `os.environ.get("X")`: one variable, not the environment. */
function readsOneVariable(environ: SyntaxNode, text: string): boolean {
  const parent = environ.parent
  if (parent?.name !== 'MemberExpression' || parent.firstChild?.from !== environ.from) return false
  const rest = text.slice(environ.to, parent.to).trim()
  return rest.startsWith('[') || /^\.(?:get|setdefault|__getitem__)$/.test(rest)
}

/** Runs when the module is imported: not inside a function or lambda, nor under `if __name__ == "__main__"`. */
function runsOnImport(node: SyntaxNode, text: string): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (at.name === 'FunctionDefinition' || at.name === 'LambdaExpression') return false
    if (at.name === 'IfStatement' && onlyAsScript(at, text)) return false
  }
  return true
}

/** `if __name__ == "__main__":`, also as one `and` term (`if sys.platform != "win32" and __name__ …`). */
function onlyAsScript(statement: SyntaxNode, text: string): boolean {
  const body = statement.getChild('Body')
  const condition = text.slice(statement.from, body ? body.from : statement.to)
  const main = /__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__/
  return main.test(condition) && !/\bor\b/.test(condition)
}
