// Pins read from a project's dependency files, and how they move between two trees (issue 31). Pure:
// the caller reads the files.
export { dependencyFiles, DETECTED_NAMES, EXCLUDED_FOLDERS, isDependencyFile } from './detect.js'
export { compareVersionText, diffPins } from './diff.js'
export { readPins } from './read.js'
export type {
  FileReading,
  IndexNamed,
  LockedFile,
  Pin,
  PinChange,
  PinSet,
  Skipped,
  SkipReason
} from './types.js'
