import { describe, expect, it } from '@jest/globals'
import { TextRetention } from '../../src/read/text-retention.js'

const MiB = 1024 ** 2
const tick = () => new Promise(resolve => setImmediate(resolve))

describe('the two sides of a pair read in step', () => {
  it('a side more than 4 MiB ahead waits until the other catches up', async () => {
    const keeper = new TextRetention()
    await keeper.pace(1, 1 * MiB)
    let resumed = false
    const ahead = keeper.pace(0, 10 * MiB).then(() => (resumed = true))
    await tick()
    expect(resumed).toBe(false)
    await keeper.pace(1, 2 * MiB) // 3 MiB against 10: still too far
    await tick()
    expect(resumed).toBe(false)
    await keeper.pace(1, 4 * MiB) // 7 MiB against 10: within the window
    await ahead
    expect(resumed).toBe(true)
  })

  it('a side whose other side has finished (or failed) never waits', async () => {
    const keeper = new TextRetention()
    const far = keeper.pace(0, 100 * MiB)
    keeper.finish(1)
    await expect(far).resolves.toBeUndefined()
    await expect(keeper.pace(0, 100 * MiB)).resolves.toBeUndefined()
  })
})
