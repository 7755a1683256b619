import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256, toHex } from '../bytes';
import { fixedClock } from '../clock';
import { Transcript } from './transcript';
import { verifyTranscriptFile } from './transcript-verify';
import { digestWords } from './digest-words';

function makeCeremony() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-transcript-'));
  const t = Transcript.open(path.join(dir, 'transcript.jsonl'), fixedClock(new Date('2026-11-27T10:00:00Z')));
  t.append({ kind: 'begin', action: 'Ceremony begins', operator: 'alice', witnesses: ['bob', 'carol'], inputs: { plan: 'root-ca' } });
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  fs.writeFileSync(path.join(dir, 'root.pem'), pem);
  t.append({ kind: 'step', step: 'root-cert', action: 'Signed the root certificate', outputs: [{ file: 'root.pem', sha256: toHex(sha256(pem)) }], data: { subject: 'CN=Root, O=Example — ünïcode' } });
  t.append({ kind: 'ack', step: 'root-cert', action: 'Witnesses confirmed the fingerprint', witnesses: ['bob', 'carol'] });
  t.append({ kind: 'end', action: 'Ceremony complete' });
  return { dir, t, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test('a fresh transcript verifies and its digest is the last line hash', () => {
  const c = makeCeremony();
  try {
    const check = verifyTranscriptFile(c.dir, 'transcript.jsonl');
    assert.deepEqual(check.problems, []);
    assert.equal(check.lines, 4);
    assert.equal(check.digest, c.t.head);
    assert.equal(digestWords(check.digest!).split(' ').length, 16);
  } finally {
    c.cleanup();
  }
});

test('editing any single byte of the transcript fails verification and names that line', () => {
  const c = makeCeremony();
  try {
    const file = path.join(c.dir, 'transcript.jsonl');
    const original = fs.readFileSync(file);
    const lineOf = (offset: number) => original.subarray(0, offset).toString('latin1').split('\n').length;
    for (let i = 0; i < original.length; i++) {
      const edited = Buffer.from(original);
      edited[i] = edited[i] === 0x41 ? 0x42 : 0x41; // 'A' <-> 'B', or anything -> 'A'
      fs.writeFileSync(file, edited);
      const check = verifyTranscriptFile(c.dir, 'transcript.jsonl');
      assert.equal(check.ok, false, `byte ${i} edited yet the transcript verified`);
      const expected = original[i] === 0x0a ? [lineOf(i), lineOf(i) + 1] : [lineOf(i)];
      assert.ok(expected.includes(check.problems[0]!.line), `byte ${i} (line ${lineOf(i)}) reported as line ${check.problems[0]!.line}`);
    }
  } finally {
    c.cleanup();
  }
});

test('removing, reordering or truncating lines is caught', () => {
  const c = makeCeremony();
  try {
    const file = path.join(c.dir, 'transcript.jsonl');
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const variants = [
      [lines[0], lines[2], lines[3]],
      [lines[1], lines[0], lines[2], lines[3]],
      [lines[0], lines[1], lines[2]],
    ];
    for (const v of variants.slice(0, 2)) {
      fs.writeFileSync(file, `${v.join('\n')}\n`);
      assert.equal(verifyTranscriptFile(c.dir, 'transcript.jsonl').ok, false);
    }
    // Dropping the last line keeps a valid chain: the digest read aloud and signed is what anchors the end.
    fs.writeFileSync(file, `${variants[2]!.join('\n')}\n`);
    const check = verifyTranscriptFile(c.dir, 'transcript.jsonl');
    assert.notEqual(check.digest, c.t.head);
  } finally {
    c.cleanup();
  }
});

test('a changed or missing output file is named with the line that recorded it', () => {
  const c = makeCeremony();
  try {
    fs.appendFileSync(path.join(c.dir, 'root.pem'), ' ');
    let check = verifyTranscriptFile(c.dir, 'transcript.jsonl');
    assert.deepEqual(check.problems.map((p) => [p.code, p.line]), [['OUTPUT_MODIFIED', 2]]);
    fs.rmSync(path.join(c.dir, 'root.pem'));
    check = verifyTranscriptFile(c.dir, 'transcript.jsonl');
    assert.deepEqual(check.problems.map((p) => [p.code, p.line]), [['OUTPUT_MISSING', 2]]);
  } finally {
    c.cleanup();
  }
});

test('reopening continues the chain, drops a torn last line and refuses a corrupt one', () => {
  const c = makeCeremony();
  try {
    const file = path.join(c.dir, 'transcript.jsonl');
    fs.appendFileSync(file, '{"kind":"step","act');
    const reopened = Transcript.open(file, fixedClock(new Date('2026-11-27T11:00:00Z')));
    assert.equal(reopened.entries.length, 4);
    reopened.append({ kind: 'note', action: 'Resumed after a crash' });
    assert.equal(verifyTranscriptFile(c.dir, 'transcript.jsonl').ok, true);
    const text = fs.readFileSync(file, 'utf8').replace('Ceremony complete', 'Ceremony complets');
    fs.writeFileSync(file, text);
    assert.throws(() => Transcript.open(file, fixedClock(new Date())), (e: unknown) => (e as { code?: string }).code === 'TRANSCRIPT_CORRUPT');
  } finally {
    c.cleanup();
  }
});
