import { it } from '@jest/globals'
import { readPins } from '../../src/packaging/pins/index.js'
it('big', () => {
  const pad = 'x'.repeat(1000)
  const toml = ['version = 1', ''].concat(Array.from({ length: 50_000 }, (_, i) => `[[package]]\nname = "p${i}"\nversion = "1.0"\nsource = { registry = "https://pypi.org/simple" }\ndescription = "${pad}"\n`)).join('\n')
  const req = Array.from({ length: 1_000_000 }, (_, i) => `p${i}==1.0 # ${'y'.repeat(30)}`).join('\n')
  for (const [name, text] of [['uv.lock', toml], ['requirements.txt', req]] as const) {
    const t = Date.now(); const m = process.memoryUsage().heapUsed
    const set = readPins([name], () => text)
    console.log(name, (text.length / 1e6).toFixed(1), 'MB', Date.now() - t, 'ms', ((process.memoryUsage().heapUsed - m) / 1e6).toFixed(0), 'MB heap', set.pins.length, 'pins')
  }
}, 600000)
