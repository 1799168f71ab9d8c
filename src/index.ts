import { run } from './main.js'

await run()
// A comment request abandoned at its time budget may still hold timers; the step's work is done.
process.exit()
