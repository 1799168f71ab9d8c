import { BLOCK, padded, type PaxRecords } from './tar-fields.js'
import { refuseDeclared, TarFormatError, type TarEntryHeader } from './tar-entry.js'
import { applyPax, chainConflicts, isSparse, type Extension } from './tar-extension.js'
import {
  FILE_LIKE,
  LINK_TYPES,
  NO_DATA,
  printable,
  TYPE_NAMES,
  type Decoded
} from './tar-header.js'

/** Bytes other readers skip as the data of a link or folder that tarfile reads as headers. */
export interface Shadow {
  until: number
  owner: string
}

/** What the walk has read before a member header. */
export interface ChainContext {
  /** The extension headers before the member, in the order read. */
  chain: Extension[]
  globals: PaxRecords
  /** Where the member's first header (extension or its own) starts. */
  chainStart: number
  shadow: Shadow | undefined
  maxBytes: number
}

export interface ResolvedMember {
  header: TarEntryHeader
  /** The bytes from the end of the member's header to the next header, before padding. */
  step: number
  /** The bytes of the step that are the entry's content. */
  content: number
  /** The shadow in force after this member. */
  shadow: Shadow | undefined
}

/**
 * tarfile applies the global records to the member itself, then each extension header from the
 * innermost out, so the first of two records wins; a local pax header re-applies the global records
 * it was read with. The step to the next header is the data size of the header, or of the size
 * record once a pax header with one applies.
 */
export function resolveMember(
  decoded: Decoded,
  dataSize: number,
  walk: ChainContext
): ResolvedMember {
  const { code } = decoded
  const { chain, globals, maxBytes, chainStart: start } = walk
  let shadow = walk.shadow
  const hasData = !NO_DATA.has(code)
  const state = { name: decoded.name, linkname: decoded.linkname, size: decoded.size }
  const local = { ...state }
  let step = hasData ? dataSize : 0
  let sparse = code === 'S'
  const disagreements: string[] = []
  const note = (reason: string) => {
    if (!disagreements.includes(reason)) disagreements.push(reason)
  }
  if (code !== 'S') applyPax(state, globals, note)
  for (const extension of [...chain].reverse()) {
    if (extension.kind === 'L') state.name = local.name = extension.value
    else if (extension.kind === 'K') state.linkname = local.linkname = extension.value
    else if (extension.kind === 'x') {
      applyPax(state, extension.snapshot, note)
      applyPax(local, extension.local)
      if (extension.snapshot.has('size')) step = hasData ? state.size : 0
      if (isSparse(extension.snapshot)) {
        if (extension.snapshot.has('size'))
          throw new TarFormatError('corrupt', 'a pax sparse file also has a size record')
        sparse = true
      }
    }
  }
  if (isSparse(globals)) sparse = true
  const unsupported = !(code in TYPE_NAMES) || FILE_LIKE.has(code)
  const type = unsupported ? 'File' : sparse ? 'SparseFile' : (TYPE_NAMES[code] ?? 'File')
  if (unsupported)
    note(
      `${TYPE_NAMES[code] ?? `type "${printable(code)}"`} tar entry: pip's tarfile reads it as a regular file of ${state.size} bytes (pip extracts it as one where Python lacks tarfile's data filter, and refuses the archive where it has it); GNU tar and node-tar do not read a file`
    )
  const declared = Math.max(decoded.size, Number.isSafeInteger(state.size) ? state.size : 0)
  if (!hasData && declared > 0)
    note(
      `${type} header declares ${declared} bytes of data: pip's tarfile reads none and takes the next header right after it, GNU tar and node-tar skip those bytes`
    )
  if ((type === 'File' || type === 'ContiguousFile') && state.name.endsWith('/')) {
    note(
      `a file header named "${state.name}": pip's tarfile writes a file there, GNU tar and node-tar a folder`
    )
    state.name = state.name.replace(/\/+$/, '')
    local.name = local.name.replace(/\/+$/, '')
  }
  if (decoded.foreignPrefix !== undefined && state.name === decoded.name)
    note(
      `named with the ustar prefix field "${decoded.foreignPrefix}" in a header without ustar's magic: pip's tarfile joins it, GNU tar and node-tar read the name without it`
    )
  if (state.name !== local.name)
    note(
      `named by a global pax header (its own headers say "${local.name}"): pip's tarfile applies global paths, node-tar ignores them`
    )
  if (hasData && state.size !== local.size)
    note(
      `a global pax size record makes it ${state.size} bytes (its own headers say ${local.size}): pip's tarfile takes that many bytes from its data, other readers its own size`
    )
  if (decoded.sizeField !== undefined)
    note(
      `its size field "${decoded.sizeField}" is not plain octal: pip's tarfile reads ${decoded.size}, GNU tar and node-tar read it differently or refuse it`
    )
  if (shadow && start < shadow.until)
    note(
      `read by pip's tarfile from bytes that GNU tar and node-tar skip as the data of "${shadow.owner}"`
    )
  else shadow = undefined
  if (!hasData && declared > 0)
    shadow = { until: start + BLOCK + padded(declared), owner: state.name }
  const linkpath = LINK_TYPES.has(code) ? state.linkname : undefined
  if (linkpath === '')
    note(
      "a link with no target: pip's tarfile reads it (and skips it on extraction), GNU tar refuses it"
    )
  if (hasData && state.size < 0)
    throw new TarFormatError('corrupt', `"${state.name}" has a negative size`)
  refuseDeclared(state.name, start + BLOCK + padded(step), maxBytes)
  if (hasData) refuseDeclared(state.name, state.size, maxBytes)
  const conflicts = chainConflicts(chain)
  return {
    header: {
      path: state.name,
      type,
      mode: decoded.mode,
      size: hasData ? state.size : 0,
      linkpath,
      ...(conflicts.length > 0 && { conflicts }),
      ...(disagreements.length > 0 && { disagreements })
    },
    step,
    content: hasData ? state.size : 0,
    shadow
  }
}
