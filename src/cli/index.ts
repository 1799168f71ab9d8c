#!/usr/bin/env node
import { removeTempFoldersAtExit } from '../util/temp-folders.js'
import { runCli } from './main.js'

// A reader that closes the pipe early (`| head`) is no error: the rest of the report is not wanted.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
})

removeTempFoldersAtExit()
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text)
})
