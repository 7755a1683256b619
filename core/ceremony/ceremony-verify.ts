// `ceremony verify`: the transcript's hash chain, every output file against the hash it recorded, and each
// digest-signature line (its signature over the digest of the line before it, by the key the ceremony recorded).
import { fromBase64, fromHex, parsePemBlocks, sha256, toHex } from '../bytes';
import { verifySignature } from '../keys/spki';
import { digestWords } from './digest-words';
import { TRANSCRIPT_FILE } from './engine';
import { joinPemLines } from './steps/pem-lines';
import type { TranscriptEntry } from './transcript-entry';
import { verifyTranscriptFile, type TranscriptCheck, type TranscriptProblem } from './transcript-verify';

export interface CeremonyCheck extends TranscriptCheck {
  digestWords: string | null;
  /** Whether the transcript ends with an `end` line (followed only by digest signatures). */
  complete: boolean;
  /** Steps recorded as done. */
  steps: string[];
  outputs: string[];
  /** Digest signatures that verified: the key label and the digest they cover. */
  signatures: { line: number; keyLabel: string; digest: string }[];
}

function checkDigestSignature(e: TranscriptEntry, prev: TranscriptEntry | undefined, keys: Map<string, string>): TranscriptProblem | null {
  const line = e.seq;
  const bad = (why: string): TranscriptProblem => ({ line, code: 'TRANSCRIPT_CORRUPT', message: `Line ${line}'s digest signature ${why}.` });
  const d = e.data ?? {};
  if (!prev || d.digest !== prev.hash) return bad('is not over the digest of the line before it');
  const block = parsePemBlocks(joinPemLines(d.publicKeyPem)).find((b) => b.label === 'PUBLIC KEY');
  if (!block || typeof d.signature !== 'string') return bad('has no public key or signature');
  const want = e.step !== undefined ? keys.get(e.step) : undefined;
  if (want === undefined || toHex(sha256(block.der)) !== want) return bad(`is by a key that no key step of this ceremony recorded`);
  let ok = false;
  try {
    ok = verifySignature(block.der, fromHex(d.digest), fromBase64(d.signature));
  } catch {
    ok = false;
  }
  return ok ? null : bad('does not verify');
}

export function verifyCeremonyDir(dir: string): CeremonyCheck {
  const check = verifyTranscriptFile(dir, TRANSCRIPT_FILE);
  const keys = new Map<string, string>();
  const signatures: CeremonyCheck['signatures'] = [];
  const steps: string[] = [];
  const outputs = new Set<string>();
  let complete = false;
  check.entries.forEach((e, i) => {
    if (e.kind === 'step' && e.step !== undefined) {
      steps.push(e.step);
      if (typeof e.data?.spkiSha256 === 'string' && typeof e.data.label === 'string' && !('certificateSha256' in e.data)) keys.set(e.step, e.data.spkiSha256);
    }
    e.outputs?.forEach((o) => outputs.add(o.file));
    if (e.kind === 'end') complete = true;
    else if (e.kind !== 'digest-signature') complete = false;
    if (e.kind === 'digest-signature') {
      const problem = checkDigestSignature(e, check.entries[i - 1], keys);
      if (problem) check.problems.push(problem);
      else signatures.push({ line: e.seq, keyLabel: String(e.data?.keyLabel ?? ''), digest: String(e.data?.digest) });
    }
  });
  check.problems.sort((a, b) => a.line - b.line);
  check.ok = check.problems.length === 0;
  return { ...check, digestWords: check.digest ? digestWords(check.digest) : null, complete, steps, outputs: [...outputs].sort(), signatures };
}
