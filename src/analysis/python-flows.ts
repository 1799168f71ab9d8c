import type { SyntaxNode } from '@lezer/common'
import type { Behaviour } from './python-code.js'
import { calleeName, type Aliases } from './python-names.js'
import { EXECUTORS, LOADERS, NETWORK, PROCESS } from './python-patterns.js'

/** A classified call, before it becomes a CodeBehaviour. */
export interface FoundCall {
  node: SyntaxNode
  name: string
  behaviour: Behaviour
}

/**
 * Fetch-then-run in one flow (a function body, or the module's own statements): downloaded data
 * executed (`exec(urlopen(u).read())`, `data = r.text; exec(data)`), handed to a process, or written
 * to a file that a process then runs (`urlretrieve(url, path); Popen([path])`). The executing call
 * becomes `download-execute`, named `fetch → run`; the flow's network calls are part of it.
 */
export function downloadExecutions(
  found: FoundCall[],
  text: string,
  aliases: Aliases
): FoundCall[] {
  const fetching = new Map<number, FoundCall>()
  for (const call of found)
    if (call.behaviour === 'network' && !fetching.has(scopeOf(call.node)))
      fetching.set(scopeOf(call.node), call)
  if (!fetching.size) return found
  const runs = new Map<number, FoundCall>()
  for (const fetch of fetching.values()) {
    for (const run of runsOfDownload(scopeNode(fetch.node), text, aliases))
      runs.set(run.node.from, { ...run, name: `${fetch.name} → ${run.name}` })
  }
  if (!runs.size) return found
  const downloading = new Set([...runs.values()].map(run => scopeOf(run.node)))
  const kept = found.filter(
    call =>
      !runs.has(call.node.from) &&
      !(call.behaviour === 'network' && downloading.has(scopeOf(call.node)))
  )
  return [...kept, ...runs.values()].sort((a, b) => a.node.from - b.node.from)
}

/** The calls of one flow that run what it downloads. */
function runsOfDownload(scope: SyntaxNode, text: string, aliases: Aliases): FoundCall[] {
  const fetched = new Set<string>()
  const files = new Map<string, Set<string>>()
  const downloadedTo: Set<string>[] = []
  const runs: FoundCall[] = []
  const carries = (node: SyntaxNode | null | undefined) =>
    node ? carriesDownload(node, text, aliases, fetched) : false
  scope.cursor().iterate(cursor => {
    const node = cursor.node
    if (node.from !== scope.from && /^(?:FunctionDefinition|ClassDefinition)$/.test(node.name))
      return false
    if (
      node.name === 'AssignStatement' ||
      node.name === 'WithStatement' ||
      node.name === 'ForStatement'
    )
      bindNames(node, text, carries, fetched, files)
    if (node.name !== 'CallExpression') return undefined
    const name = calleeName(node, text, aliases) ?? ''
    const args = node.getChild('ArgList')
    const first = args?.firstChild?.nextSibling
    if (/(?:^|\.)urlretrieve$/.test(name))
      downloadedTo.push(tokens(first?.nextSibling?.nextSibling, text))
    else if (
      /\.(?:write|write_bytes|write_text)$|^shutil\.copyfileobj$/.test(name) &&
      carries(args)
    )
      downloadedTo.push(writtenFile(node, text, files))
    if ((EXECUTORS.test(name) || LOADERS.test(name)) && carries(first))
      runs.push({ node, name, behaviour: 'download-execute' })
    else if (
      PROCESS.test(name) &&
      runsDownload(programOf(first, text), text, carries, downloadedTo)
    )
      runs.push({ node, name, behaviour: 'download-execute' })
    return undefined
  })
  return runs
}

/** `data = urlopen(u).read()`, `with urlopen(u) as r`, `for chunk in r.iter_content()`; `f = open(path, "wb")`. */
function bindNames(
  statement: SyntaxNode,
  text: string,
  carries: (node: SyntaxNode | null | undefined) => boolean,
  fetched: Set<string>,
  files: Map<string, Set<string>>
): void {
  const names = statement.getChildren('VariableName')
  const value =
    statement.name === 'AssignStatement'
      ? statement.lastChild
      : statement.name === 'ForStatement'
        ? statement.getChild('in')?.nextSibling
        : statement.firstChild?.nextSibling
  const bound = statement.name === 'AssignStatement' ? names.slice(0, 1) : names
  if (!value || !bound.length) return
  const name = text.slice(bound[0]!.from, bound[0]!.to)
  if (carries(value)) fetched.add(name)
  const opened =
    value.name === 'CallExpression' &&
    /^(?:io\.)?open$/.test(text.slice(value.from, value.firstChild?.to ?? value.from))
  if (opened) files.set(name, tokens(value.getChild('ArgList')?.firstChild?.nextSibling, text))
}

/** Whether an expression holds a network call or a name bound to downloaded data. */
function carriesDownload(
  node: SyntaxNode,
  text: string,
  aliases: Aliases,
  fetched: Set<string>
): boolean {
  let hit = false
  node.cursor().iterate(inner => {
    if (hit) return false
    if (inner.name === 'VariableName' && fetched.has(text.slice(inner.from, inner.to))) hit = true
    if (
      inner.name === 'CallExpression' &&
      NETWORK.test(calleeName(inner.node, text, aliases) ?? '')
    )
      hit = true
    return undefined
  })
  return hit
}

/** The path a write goes to: `f.write(…)` of `f = open(path)`, or `open(path).write(…)`, `Path(p).write_bytes(…)`. */
function writtenFile(call: SyntaxNode, text: string, files: Map<string, Set<string>>): Set<string> {
  const target = call.firstChild?.firstChild
  if (target?.name === 'VariableName')
    return files.get(text.slice(target.from, target.to)) ?? new Set()
  if (target?.name === 'CallExpression')
    return tokens(target.getChild('ArgList')?.firstChild?.nextSibling, text)
  return new Set()
}

/** The names and string constants of an expression (a path such as `os.path.join(tmp, "bin")`). */
function tokens(node: SyntaxNode | null | undefined, text: string): Set<string> {
  const found = new Set<string>()
  node?.cursor().iterate(inner => {
    if (inner.name === 'VariableName' || inner.name === 'String') {
      const token = text.slice(inner.from, inner.to)
      if (!/^(?:os|self|cls|sys|Path|pathlib)$/.test(token)) found.add(token)
    }
  })
  return found
}

const INTERPRETER =
  /^[rbuRBU]?['"](?:[\w/.]*\/)?(?:sh|bash|zsh|dash|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh|python[\d.]*|node|perl|ruby)['"]$/

/**
 * What a process call runs: the first element of an argv list (every element when it is a shell or
 * an interpreter: `["sh", "-c", script]`), or the command string. `["tar", "xf", path]` runs tar.
 */
function programOf(first: SyntaxNode | null | undefined, text: string): SyntaxNode[] {
  if (!first) return []
  if (first.name !== 'ArrayExpression' && first.name !== 'TupleExpression') return [first]
  const items: SyntaxNode[] = []
  for (let item = first.firstChild; item; item = item.nextSibling)
    if (!/^[[\](),]$/.test(item.name)) items.push(item)
  const [program] = items
  if (!program) return []
  if (program.name === 'String' && INTERPRETER.test(text.slice(program.from, program.to)))
    return items
  if (/^sys\.executable$/.test(text.slice(program.from, program.to))) return items
  return [program]
}

function runsDownload(
  program: SyntaxNode[],
  text: string,
  carries: (node: SyntaxNode) => boolean,
  files: Set<string>[]
): boolean {
  return program.some(node => carries(node) || sharesToken(node, text, files))
}

function sharesToken(
  node: SyntaxNode | null | undefined,
  text: string,
  files: Set<string>[]
): boolean {
  if (!node || !files.length) return false
  const used = tokens(node, text)
  return files.some(file => [...file].some(token => used.has(token)))
}

/** The innermost function a node is in, or the module: where its flow is. */
function scopeNode(node: SyntaxNode): SyntaxNode {
  let top = node
  for (let at: SyntaxNode | null = node.parent; at; at = at.parent) {
    if (at.name === 'FunctionDefinition') return at
    top = at
  }
  return top
}

const scopeOf = (node: SyntaxNode) => {
  const scope = scopeNode(node)
  return scope.name === 'FunctionDefinition' ? scope.from : -1
}
