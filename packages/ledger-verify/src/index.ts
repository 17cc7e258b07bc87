export { jsonbText } from './canonical.ts';
export { checkpointStatement, eventHash, headDigest, type Checkpoint, type ExportedEvent } from './rules.ts';
export { createVerifier, keyIdOf, readPublicKey, verifyExport, type Verification } from './verify.ts';
export { readExport } from './read-export.ts';
