import { it } from '@jest/globals'
import { readPins } from '../../src/packaging/pins/index.js'
import { logicalLines } from '../../src/packaging/pins/requirements-txt.js'
import { parseRequirement } from '../../src/packaging/requirements.js'
it('big', () => {
  for (const n of [25_000, 50_000, 100_000]) {
    const req = Array.from({ length: n }, (_, i) => `p${i}==1.0 # ${'y'.repeat(30)}`).join('\n')
    let t = Date.now()
    readPins(['requirements.txt'], () => req)
    const all = Date.now() - t
    t = Date.now(); const lines = logicalLines(req); const ll = Date.now() - t
    t = Date.now(); for (const l of lines) parseRequirement(l.content.split(' ')[0]!); const pr = Date.now() - t
    console.log(n, 'all', all, 'lines', ll, 'parse', pr)
  }
}, 600000)
