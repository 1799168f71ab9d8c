import { buildBackendChanged } from './build-backend-changed.js'
import { buildRequirementsChanged } from './build-requirements-changed.js'
import { classifierAdded, classifierRemoved } from './classifier-rules.js'
import {
  dependencyAdded,
  dependencyChanged,
  dependencyLoosened,
  dependencyMoved,
  dependencyRemoved,
  dependencyTightened
} from './dependency-rules.js'
import { entryPointChanged } from './entry-point-changed.js'
import { entryPointRemoved } from './entry-point-removed.js'
import { extraAdded, extraRemoved } from './extra-rules.js'
import { fileAdded } from './file-added.js'
import { fileModeChanged } from './file-mode-changed.js'
import { fileRemoved } from './file-removed.js'
import { fileRenamed } from './file-renamed.js'
import { licenseChanged } from './license-changed.js'
import { metadataInconsistent } from './metadata-inconsistent.js'
import { metadataInvalid } from './metadata-invalid.js'
import { metadataVersionChanged } from './metadata-version-changed.js'
import { nameChanged } from './name-changed.js'
import {
  dynamicFieldsChanged,
  importNamesChanged,
  licenseFileMissing,
  metadataFieldUnknown
} from './newer-metadata.js'
import { newPackage } from './new-package.js'
import { sdistMissing } from './sdist-missing.js'
import { requiresPythonNarrowed, requiresPythonWidened } from './requires-python.js'
import { secretAdded } from './secret-added.js'
import {
  fileDiffersFromSource,
  fileNotInSource,
  releaseDiffersFromTag,
  sourceFileMissing,
  versionTagMismatch
} from './source-rules.js'
import { sensitiveFileAdded } from './sensitive-file-added.js'
import { capabilityAdded, suspiciousCode } from './suspicious-code.js'
import { projectUrlsChanged } from './project-urls-changed.js'
import { pthFileAdded } from './pth-file-added.js'
import { attestationMismatch, provenanceLost, publisherChanged } from './provenance-rules.js'
import { pypiWouldReject } from './pypi-would-reject.js'
import type { Rule } from './types.js'
import { unsafeArchiveEntry } from './unsafe-archive-entry.js'
import { versionChanged } from './version-changed.js'
import { versionNotIncreased } from './version-not-increased.js'
import {
  releaseWheelTags,
  wheelMetadataMismatch,
  wheelMissingFile,
  wheelRecordInvalid,
  wheelTagChanged
} from './wheel-rules.js'

/** Every rule, in the order findings of equal severity are listed: packaging meaning before files. */
export const RULES: readonly Rule[] = [
  unsafeArchiveEntry,
  wheelRecordInvalid,
  secretAdded,
  sensitiveFileAdded,
  suspiciousCode,
  pthFileAdded,
  attestationMismatch,
  provenanceLost,
  publisherChanged,
  fileNotInSource,
  releaseDiffersFromTag,
  versionTagMismatch,
  pypiWouldReject,
  nameChanged,
  versionNotIncreased,
  requiresPythonNarrowed,
  wheelTagChanged,
  releaseWheelTags,
  wheelMetadataMismatch,
  licenseChanged,
  capabilityAdded,
  dependencyAdded,
  dependencyTightened,
  dependencyChanged,
  extraRemoved,
  entryPointRemoved,
  entryPointChanged,
  fileDiffersFromSource,
  metadataInconsistent,
  metadataInvalid,
  importNamesChanged,
  licenseFileMissing,
  dependencyRemoved,
  sdistMissing,
  dependencyLoosened,
  buildRequirementsChanged,
  projectUrlsChanged,
  classifierRemoved,
  dynamicFieldsChanged,
  wheelMissingFile,
  fileRemoved,
  sourceFileMissing,
  fileModeChanged,
  versionChanged,
  buildBackendChanged,
  requiresPythonWidened,
  dependencyMoved,
  extraAdded,
  classifierAdded,
  metadataVersionChanged,
  metadataFieldUnknown,
  fileAdded,
  fileRenamed,
  newPackage
]
