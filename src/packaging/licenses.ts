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
