import parseSpdx from 'spdx-expression-parse'

/**
 * What a licence declaration means, reduced to families with a major version (`lgpl-3`, `mit`), so that
 * `License: LGPLv3`, the `LGPLv3+` classifier and `License-Expression: LGPL-3.0-or-later` compare equal.
 * Hand-written: no npm package maps Trove classifiers and free-text licence names onto SPDX families.
 */
export interface LicenseMeaning {
  family: string
  version?: string
}

const FAMILIES: [string, RegExp][] = [
  ['agpl', /\bagpl|affero/],
  ['lgpl', /\blgpl|lesser general public|library general public/],
  ['gpl', /\bgpl|\bgnu general public/],
  ['apache', /apache/],
  ['mit', /\bmit\b|\bexpat\b|permission is hereby granted, free of charge/],
  ['bsd', /\bbsd|redistribution and use in source and binary forms/],
  ['mpl', /\bmpl\b|mozilla public/],
  ['isc', /\bisc\b|\biscl\b/],
  ['psf', /\bpsf|python software foundation/],
  ['unlicense', /unlicense/],
  ['cc0', /\bcc0/],
  ['epl', /\bepl\b|eclipse public/],
  ['bsl', /\bbsl-1|boost software/],
  ['zlib', /\bzlib\b/],
  ['public-domain', /public domain/],
  ['proprietary', /proprietary/]
]

/** Licence families named in one piece of text (an SPDX expression, a free-text field or a classifier). */
export function licenseMeanings(text: string): LicenseMeaning[] {
  // Lesser and Affero GPL are matched first and cut out, so what is left of "gpl" is the plain GPL.
  let rest = text.toLowerCase()
  const meanings: LicenseMeaning[] = []
  for (const [family, pattern] of FAMILIES) {
    const match = pattern.exec(rest)
    if (!match) continue
    const version = /v(?:ersion)?\s*(\d)|[- ](\d)(?:\.\d)?\b/.exec(
      rest.slice(match.index, match.index + 60)
    )
    const major = version?.[1] ?? version?.[2]
    meanings.push(major ? { family, version: major } : { family })
    if (family === 'agpl' || family === 'lgpl')
      rest = rest.replace(new RegExp(pattern.source + '[^,;()]*', 'g'), ' ')
  }
  return meanings
}

export function sameMeaning(a: LicenseMeaning[], b: LicenseMeaning[]): boolean {
  const covers = (xs: LicenseMeaning[], ys: LicenseMeaning[]) =>
    ys.every(y =>
      xs.some(x => x.family === y.family && (!x.version || !y.version || x.version === y.version))
    )
  return covers(a, b) && covers(b, a)
}

export function describeMeanings(meanings: LicenseMeaning[]): string {
  return meanings
    .map(m => (m.version ? `${m.family.toUpperCase()}-${m.version}` : m.family.toUpperCase()))
    .join(' + ')
}

/** Trove licence classifiers that name exactly one SPDX licence (PEP 639's unambiguous mappings). */
const CLASSIFIER_SPDX: Record<string, string> = {
  'MIT License': 'MIT',
  'MIT No Attribution License (MIT-0)': 'MIT-0',
  'ISC License (ISCL)': 'ISC',
  'Python Software Foundation License': 'PSF-2.0',
  'Mozilla Public License 2.0 (MPL 2.0)': 'MPL-2.0',
  'Mozilla Public License 1.1 (MPL 1.1)': 'MPL-1.1',
  'GNU General Public License v2 (GPLv2)': 'GPL-2.0-only',
  'GNU General Public License v2 or later (GPLv2+)': 'GPL-2.0-or-later',
  'GNU General Public License v3 (GPLv3)': 'GPL-3.0-only',
  'GNU General Public License v3 or later (GPLv3+)': 'GPL-3.0-or-later',
  'GNU Lesser General Public License v3 (LGPLv3)': 'LGPL-3.0-only',
  'GNU Lesser General Public License v3 or later (LGPLv3+)': 'LGPL-3.0-or-later',
  'GNU Affero General Public License v3': 'AGPL-3.0-only',
  'GNU Affero General Public License v3 or later (AGPLv3+)': 'AGPL-3.0-or-later',
  'The Unlicense (Unlicense)': 'Unlicense',
  'Boost Software License 1.0 (BSL-1.0)': 'BSL-1.0',
  'zlib/libpng License': 'Zlib',
  'Eclipse Public License 2.0 (EPL-2.0)': 'EPL-2.0',
  'CC0 1.0 Universal (CC0 1.0) Public Domain Dedication': 'CC0-1.0',
  'Universal Permissive License (UPL)': 'UPL-1.0'
}

export interface LicenseDeclaration {
  licenseExpression?: string
  license?: string
  classifiers: string[]
}

/**
 * The licence as an SPDX expression where the declaration gives one: License-Expression, a License field
 * that is a valid expression, or classifiers that map to one id each. Otherwise the family names
 * (`BSD`), since a classifier like "BSD License" does not say which BSD licence.
 */
export function licenseId(declared: LicenseDeclaration): string | undefined {
  if (declared.licenseExpression) return declared.licenseExpression
  const field = declared.license?.trim()
  if (field && isSpdxExpression(field)) return field
  const classifiers = declared.classifiers
    .filter(c => c.startsWith('License ::'))
    .map(c => c.split(' :: ').pop() ?? c)
  if (classifiers.length) {
    const ids = classifiers.map(c => CLASSIFIER_SPDX[c] ?? describeMeanings(licenseMeanings(c)))
    const known = [...new Set(ids.filter(id => id !== ''))]
    if (known.length) return known.join(' OR ')
  }
  return field ? describeMeanings(licenseMeanings(field)) || undefined : undefined
}

function isSpdxExpression(text: string): boolean {
  try {
    parseSpdx(text)
    return true
  } catch {
    return false
  }
}
