import { isAbsolute, relative, resolve } from 'node:path'
import {
  isShallow,
  listTags,
  readGitTree,
  tagsAtHead,
  workTreeRoot,
  type GitTree
} from '../acquire/git-source.js'
import type { Comparison, ReadPackage } from '../compare/comparison.js'
import { compareWithSource } from '../compare/source.js'
import { parseReleaseTag, tagFor, tagOfVersion, type ReleaseTag } from '../packaging/release-tag.js'

/** The source check's settings, decided by a shell (source-check input, --source-check). */
export interface SourceCheck {
  /** The top of the git work tree the release is built from. */
  root: string
  /** Release tags that speak for this release: the pushed tag, or the tags on HEAD. */
  tags: string[]
  /** The previous release was built from a git ref: comparing it with its tag says nothing. */
  previousFromGit: boolean
  log: (message: string) => void
}

export const SOURCE_CHECK_MODES = ['auto', 'true', 'false'] as const
export type SourceCheckMode = (typeof SOURCE_CHECK_MODES)[number]

export interface SourceCheckRequest {
  mode: SourceCheckMode
  workingDirectory: string
  /** The current sdists as given (paths or globs); empty: built in the working directory. */
  current: string[]
  previous?: string
  /** GITHUB_REF on a tag push (`refs/tags/v1.2.3`); otherwise the tags on HEAD are used. */
  ref?: string
  log: (message: string) => void
}

/**
 * Whether and how to check the source: `auto` is on when the working directory is in a git work tree and
 * the current sdists are built there or given from inside it; `true` insists (an error outside git).
 */
export async function resolveSourceCheck(
  request: SourceCheckRequest
): Promise<SourceCheck | undefined> {
  if (request.mode === 'false') return undefined
  const directory = resolve(request.workingDirectory)
  const root = await workTreeRoot(directory)
  if (!root) {
    if (request.mode === 'auto') return undefined
    throw new Error(
      `source-check is true but ${directory} is not inside a git work tree: check out the repository, or set source-check to auto`
    )
  }
  const fromHere = request.current.every(path => inside(directory, resolve(directory, path)))
  if (request.mode === 'auto' && !fromHere) return undefined
  const pushed = request.ref?.startsWith('refs/tags/') ? [request.ref.slice(10)] : undefined
  return {
    root,
    tags: pushed ?? (await tagsAtHead(root)),
    previousFromGit: request.previous?.startsWith('git:') ?? false,
    log: request.log
  }
}

function inside(directory: string, path: string): boolean {
  const rel = relative(directory, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** One run's view of the repository, read once and shared by every package. */
export class SourceContext {
  private readonly trees = new Map<string, Promise<GitTree>>()
  private repositoryTags?: Promise<ReleaseTag[]>
  private readonly releaseTags: ReleaseTag[]

  constructor(
    readonly check: SourceCheck,
    private readonly packages: number
  ) {
    this.releaseTags = check.tags.map(parseReleaseTag).filter(t => t !== undefined)
  }

  static async open(check: SourceCheck, packages: number): Promise<SourceContext> {
    if (await isShallow(check.root).catch(() => false)) {
      check.log(
        'The checkout is shallow: the previous release cannot be compared with its tag. Check out with fetch-depth: 0 to fetch the tags.'
      )
    }
    return new SourceContext(check, packages)
  }

  tree(rev: string): Promise<GitTree> {
    let tree = this.trees.get(rev)
    if (!tree) {
      tree = readGitTree(this.check.root, rev)
      this.trees.set(rev, tree)
    }
    return tree
  }

  tagFor(name: string): ReleaseTag | undefined {
    return tagFor(this.releaseTags, name, this.packages)
  }

  async tagOfVersion(name: string, version: string): Promise<ReleaseTag | undefined> {
    this.repositoryTags ??= listTags(this.check.root).then(tags =>
      tags.map(parseReleaseTag).filter(t => t !== undefined)
    )
    return tagOfVersion(await this.repositoryTags, name, version)
  }
}

/**
 * Compares the current sdist with HEAD and names the release tag that applies; compares a previous
 * release from the index or a file with the tree of its version's tag when there is one.
 */
export async function checkSource(
  comparison: Comparison,
  read: ReadPackage,
  context: SourceContext
): Promise<Comparison> {
  const { current, pair } = comparison
  const head = await context.tree('HEAD')
  const source = compareWithSource(read.current, current.metadata, head, read.previous)
  if (!source) {
    context.check.log(
      `${current.metadata.name} ${current.metadata.version}: none of its files is tracked in this repository, so it was not compared with the source.`
    )
    return comparison
  }
  const tag = context.tagFor(current.metadata.name)
  const checked: Comparison = {
    ...comparison,
    current: { ...current, source, ...(tag && { tag }) }
  }
  if (!pair || context.check.previousFromGit) return checked
  const { name, version } = pair.metadata.previous
  const previousTag = await context.tagOfVersion(name, version)
  if (!previousTag) {
    context.check.log(
      `No tag for ${name} ${version} in the repository: the previous release was not compared with its source.`
    )
    return checked
  }
  const atTag = await context.tree(previousTag.tag)
  const previousAtTag = compareWithSource(pair.previous, pair.metadata.previous, atTag)
  return previousAtTag ? { ...checked, pair: { ...pair, previousAtTag } } : checked
}
