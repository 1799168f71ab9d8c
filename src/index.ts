import { run } from './main.js'
import { removeTempFoldersAtExit } from './util/temp-folders.js'

removeTempFoldersAtExit()
await run()
// A comment request abandoned at its time budget may still hold timers; the step's work is done.
process.exit()
