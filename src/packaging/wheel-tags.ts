/**
 * PEP 425 wheel tags and which installs each one serves, as pip's `packaging.tags` decides: a tag covers
 * another when every interpreter and platform that accepts the second also accepts the first.
 * Written here: no npm package models tag compatibility.
 */
export interface WheelTag {
  python: string
  abi: string
  platform: string
}

export function parseTag(tag: string): WheelTag {
  const [python = '', abi = '', platform = ''] = tag.split('-')
  return { python, abi, platform }
}

/** `demo-1.0(-1)-py3-none-any.whl` → its expanded tags; empty when the name is not a wheel's. */
export function tagsFromFilename(filename: string): string[] {
  const parts = filename.replace(/\.whl$/, '').split('-')
  if (parts.length < 5 || parts.length > 6) return []
  const [python, abi, platform] = parts.slice(-3)
  return [`${python}-${abi}-${platform}`].flatMap(expandCompressed)
}

/** `py2.py3-none-any` → `py2-none-any`, `py3-none-any` (compressed tag sets). */
export function expandCompressed(tag: string): string[] {
  const { python, abi, platform } = parseTag(tag)
  return python
    .split('.')
    .flatMap(p => abi.split('.').flatMap(a => platform.split('.').map(x => `${p}-${a}-${x}`)))
}

/** True when `wide` installs wherever `narrow` does. */
export function covers(wide: WheelTag, narrow: WheelTag): boolean {
  return (
    pythonCovers(wide, narrow) &&
    abiCovers(wide.abi, narrow.abi) &&
    platformCovers(wide.platform, narrow.platform)
  )
}

/** The tags of `before` that no tag of `after` covers: installs that lose the wheel. */
export function uncovered(before: string[], after: string[]): string[] {
  const wide = after.map(parseTag)
  return before.filter(tag => !wide.some(w => covers(w, parseTag(tag))))
}

export function isPure(tag: string): boolean {
  const { abi, platform } = parseTag(tag)
  return abi === 'none' && platform === 'any'
}

const INTERPRETER = /^(py|cp|pp|ip|jy|graalpy)(\d)(\d*)$/

function pythonCovers(wide: WheelTag, narrow: WheelTag): boolean {
  if (wide.python === narrow.python) return true
  const w = INTERPRETER.exec(wide.python)
  const n = INTERPRETER.exec(narrow.python)
  if (!w || !n || w[2] !== n[2]) return false
  // py3 serves every Python 3; cp38-abi3 serves CPython 3.8 and later.
  if (w[1] === 'py') return w[3] === '' || w[3] === n[3]
  if (wide.abi === 'abi3' && w[1] === 'cp' && n[1] === 'cp')
    return Number(w[3] || 0) <= Number(n[3] || 0)
  return false
}

function abiCovers(wide: string, narrow: string): boolean {
  return wide === narrow || wide === 'none' || (wide === 'abi3' && /^cp\d+$/.test(narrow))
}

const LEGACY_MANYLINUX: Record<string, string> = {
  manylinux1: 'manylinux_2_5',
  manylinux2010: 'manylinux_2_12',
  manylinux2014: 'manylinux_2_17'
}

/** `manylinux_2_17_x86_64` → family, version and architecture; glibc/musl/macOS tags are versioned. */
function versioned(
  platform: string
): { family: string; version: number[]; arch: string } | undefined {
  const legacy = /^(manylinux1|manylinux2010|manylinux2014)_(.+)$/.exec(platform)
  const name = legacy ? `${LEGACY_MANYLINUX[legacy[1] as string]}_${legacy[2]}` : platform
  const match = /^(manylinux|musllinux|macosx)_(\d+)_(\d+)_(.+)$/.exec(name)
  if (!match) return undefined
  return {
    family: match[1] as string,
    version: [Number(match[2]), Number(match[3])],
    arch: match[4] as string
  }
}

const MACOS_UNIVERSAL: Record<string, string[]> = {
  universal2: ['x86_64', 'arm64', 'universal2'],
  universal: ['x86_64', 'i386', 'ppc', 'ppc64', 'intel', 'fat', 'fat3', 'fat64', 'universal'],
  intel: ['x86_64', 'i386', 'intel'],
  fat3: ['x86_64', 'i386', 'ppc', 'fat3']
}

function platformCovers(wide: string, narrow: string): boolean {
  if (wide === narrow || wide === 'any') return true
  const w = versioned(wide)
  const n = versioned(narrow)
  if (!w || !n || w.family !== n.family) return false
  const archOk = w.arch === n.arch || (MACOS_UNIVERSAL[w.arch]?.includes(n.arch) ?? false)
  // An older glibc, musl or macOS floor serves every system from there on.
  const [wMajor = 0, wMinor = 0] = w.version
  const [nMajor = 0, nMinor = 0] = n.version
  return archOk && (wMajor < nMajor || (wMajor === nMajor && wMinor <= nMinor))
}
