/**
 * What a Python file mentions of the behaviours the code analysis looks for, noted on the previous
 * side's entries as the pair is read (their text is not kept): when a release adds a kind of behaviour,
 * the analysis learns from them whether the previous release had it anywhere.
 */
const MENTIONS: [string, RegExp][] = [
  [
    'network',
    /\b(?:urllib[23]?|http\.client|httplib|socket|requests|httpx|aiohttp|ftplib|smtplib|telnetlib)\b/
  ],
  [
    'process',
    /\bsubprocess\b|\bos\.(?:system|popen|exec\w*|spawn\w*|posix_spawnp?|fork)\b|\bpty\.spawn\b|\bfrom os import[^\n]*\b(?:system|popen|exec\w*|spawn\w*)\b/
  ],
  ['environment', /\bos\.environ\b|\bfrom os import[^\n]*\benviron\b/]
]

export function pythonMentions(text: string): string[] {
  return MENTIONS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind)
}
