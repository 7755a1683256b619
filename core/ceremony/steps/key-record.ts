// How a key appears in the transcript (public parts only) and how a resumed run reads it back.
import { parsePemBlocks, sha256, toHex } from '../../bytes';
import { fingerprint, spkiToPem } from '../../keys/spki';
import type { KeyAlgorithm } from '../../keys/signer';
import { CeremonyError } from '../errors';
import type { TranscriptEntry } from '../transcript-entry';
import { joinPemLines, pemLines } from './pem-lines';
import type { KeyRecord } from './types';

export function keyData(key: KeyRecord, status: 'generated' | 'adopted' | 'found'): Record<string, unknown> {
  const fp = fingerprint(key.spki);
  return {
    label: key.label,
    algorithm: key.algorithm,
    uri: key.uri,
    spkiSha256: fp.sha256Hex,
    fingerprintWords: fp.words,
    publicKeyPem: pemLines(spkiToPem(key.spki)),
    extractable: key.extractable,
    sensitive: key.sensitive,
    status,
  };
}

/** The key a completed step recorded; TRANSCRIPT_CORRUPT when the record is not self-consistent. */
export function keyFromEntry(entry: TranscriptEntry): KeyRecord {
  const d = entry.data ?? {};
  const pem = joinPemLines(d.publicKeyPem);
  const block = parsePemBlocks(pem).find((b) => b.label === 'PUBLIC KEY');
  if (!block || typeof d.label !== 'string' || typeof d.algorithm !== 'string' || toHex(sha256(block.der)) !== d.spkiSha256) {
    throw new CeremonyError('TRANSCRIPT_CORRUPT', `Line ${entry.seq} of the transcript does not hold a usable key record for step ${entry.step ?? '?'}.`, { details: { line: entry.seq } });
  }
  return {
    label: d.label,
    algorithm: d.algorithm as KeyAlgorithm,
    spki: block.der,
    uri: typeof d.uri === 'string' ? d.uri : d.label,
    extractable: typeof d.extractable === 'boolean' ? d.extractable : null,
    sensitive: typeof d.sensitive === 'boolean' ? d.sensitive : null,
  };
}

