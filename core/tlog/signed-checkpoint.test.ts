// Signed checkpoints with real keys (software Signers over node:crypto): Ed25519 and ECDSA P-256 key IDs,
// tamper detection, openssl checking our signatures, and sigstore-js's own checkpoint verifier accepting ours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatBytes, fromBase64, sha256, toHex, toPem } from '../bytes';
import { generateEphemeralSigner } from '../keys/software-signer';
import { TlogError } from './errors';
import { MemoryTree } from './memory-tree';
import { createNoteSigner, createNoteVerifier, noteKeyId } from './note-keys';
import { openSignedNote } from './note-open';
import { openCheckpoint, signCheckpoint } from './signed-checkpoint';
import { parseSignedNote } from './signed-note';

const ORIGIN = 'log.rootsmith.test/rehearsal';
const code = (c: string) => (e: unknown) => e instanceof TlogError && e.code === c;

async function sampleCheckpoint(size = 5) {
  const tree = new MemoryTree();
  for (let i = 0; i < size; i++) tree.append(new Uint8Array([i]));
  return { origin: ORIGIN, size, rootHash: await tree.rootAt(), extensions: [] as string[] };
}

test('Go sumdb/note example verifies (Ed25519 key ID per signed-note)', () => {
  // The example of golang.org/x/mod/sumdb/note: verifier key "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW".
  const keyBlob = fromBase64('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW');
  assert.equal(keyBlob[0], 0x01);
  const spki = concatBytes(Buffer.from('302a300506032b6570032100', 'hex'), keyBlob.subarray(1));
  assert.equal(toHex(noteKeyId('PeterNeumann', spki)), 'c74f20a3');
  const note =
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n" +
    '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
  const opened = openSignedNote(note, [createNoteVerifier('PeterNeumann', spki)]);
  assert.deepEqual(opened.verifiedBy, ['PeterNeumann']);
});

for (const algorithm of ['ed25519', 'ecdsa-p256'] as const) {
  test(`${algorithm}: sign, serialise, open; key ID as the spec derives it`, async () => {
    const signer = generateEphemeralSigner(algorithm);
    const spki = await signer.publicKeySpki();
    const noteSigner = await createNoteSigner(ORIGIN, signer);
    const expectedId =
      algorithm === 'ed25519'
        ? sha256(concatBytes(new TextEncoder().encode(`${ORIGIN}\n`), Uint8Array.of(1), spki.subarray(12))).subarray(0, 4)
        : sha256(spki).subarray(0, 4);
    assert.equal(toHex(noteSigner.keyId), toHex(expectedId));

    const cp = await sampleCheckpoint();
    const signed = await signCheckpoint(cp, [noteSigner]);
    assert.match(signed.envelope, new RegExp(`^${ORIGIN}\\n5\\n[A-Za-z0-9+/]{43}=\\n\\n\u2014 ${ORIGIN} [A-Za-z0-9+/=]+\\n$`));
    const opened = openCheckpoint(signed.envelope, [createNoteVerifier(ORIGIN, spki)], ORIGIN);
    assert.equal(opened.checkpoint.size, 5);
    assert.equal(toHex(opened.checkpoint.rootHash), toHex(cp.rootHash));

    // Tampering with the text breaks the signature.
    const tampered = signed.envelope.replace('\n5\n', '\n6\n');
    assert.throws(() => openCheckpoint(tampered, [createNoteVerifier(ORIGIN, spki)]), code('SIGNATURE_INVALID'));
    // Another key, or the right key under another name, is unknown.
    const other = await generateEphemeralSigner(algorithm).publicKeySpki();
    assert.throws(() => openCheckpoint(signed.envelope, [createNoteVerifier(ORIGIN, other)]), code('KEY_UNKNOWN'));
    assert.throws(() => openCheckpoint(signed.envelope, [createNoteVerifier('someone.else', spki)]), code('KEY_UNKNOWN'));
    assert.throws(() => openCheckpoint(signed.envelope, [createNoteVerifier(ORIGIN, spki)], 'another.log'), code('ORIGIN_MISMATCH'));
  });
}

test('unknown signatures are ignored and cosignatures add up', async () => {
  const log = await createNoteSigner(ORIGIN, generateEphemeralSigner('ecdsa-p256'));
  const witness = await createNoteSigner('witness.example/w1', generateEphemeralSigner('ed25519'));
  const signed = await signCheckpoint(await sampleCheckpoint(), [log, witness]);
  assert.equal(parseSignedNote(signed.envelope).signatures.length, 2);
  assert.deepEqual(openCheckpoint(signed.envelope, [log.verifier]).signatures.length, 2);
  assert.deepEqual(openSignedNote(signed.envelope, [log.verifier, witness.verifier]).verifiedBy, [ORIGIN, 'witness.example/w1']);
  // A forged line by a known key rejects the whole note even when another known key verifies.
  const forged = signed.envelope.replace(/(\u2014 witness\.example\/w1 )(\S{8})/u, (_m, p: string, s: string) => p + (s[6] === 'A' ? s.slice(0, 6) + 'B' + s[7] : s.slice(0, 6) + 'A' + s[7]));
  assert.throws(() => openSignedNote(forged, [log.verifier, witness.verifier]), code('SIGNATURE_INVALID'));
});

test('malformed notes and unsupported keys give typed errors', async () => {
  const signed = await signCheckpoint(await sampleCheckpoint(), [await createNoteSigner(ORIGIN, generateEphemeralSigner('ed25519'))]);
  const bad = [
    signed.envelope.replace('\n\n', '\n'), // no blank line
    signed.envelope.replace('\u2014', '-'), // not an em dash
    signed.envelope.slice(0, -1), // no final newline
    signed.envelope.replace(ORIGIN + '\n', ORIGIN + '\t\n'), // control character
    `${signed.text}\n\u2014 ${ORIGIN} AAAA\n`, // too short to hold a key ID and a signature
    `${signed.text}\n\u2014 a+b AAAAAAA=\n`, // "+" in a key name
  ];
  for (const envelope of bad) assert.throws(() => parseSignedNote(envelope), code('NOTE_INVALID'), JSON.stringify(envelope));
  await assert.rejects(createNoteSigner(ORIGIN, generateEphemeralSigner('ecdsa-p384')), code('KEY_UNSUPPORTED'));
  await assert.rejects(createNoteSigner('has space', generateEphemeralSigner('ed25519')), code('NOTE_INVALID'));
});

test('openssl verifies our note signatures over the exact note text', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const algorithm of ['ed25519', 'ecdsa-p256'] as const) {
    const signer = generateEphemeralSigner(algorithm);
    const signed = await signCheckpoint(await sampleCheckpoint(9), [await createNoteSigner(ORIGIN, signer)]);
    writeFileSync(join(dir, 'text'), signed.text);
    writeFileSync(join(dir, 'sig'), signed.signatures[0]!.signature);
    writeFileSync(join(dir, 'pub.pem'), toPem(await signer.publicKeySpki(), 'PUBLIC KEY'));
    const args =
      algorithm === 'ed25519'
        ? ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'text', '-sigfile', 'sig']
        : ['dgst', '-sha256', '-verify', 'pub.pem', '-signature', 'sig', 'text'];
    const out = execFileSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    assert.match(out, /Verified OK|Signature Verified Successfully/, algorithm);
  }
});

for (const algorithm of ['ecdsa-p256', 'ed25519'] as const) {
  test(`sigstore-js's checkpoint verifier accepts our ${algorithm} checkpoint`, async () => {
    // @sigstore/verify has no exports map; verifyCheckpoint is the function its TLog verification calls. It finds
    // the log by key hint = first 4 bytes of the log's ID: trusted_root's checkpointKeyId when set, else logId.
    // For ECDSA our key ID is SHA-256(SPKI)[:4] = the logId prefix; for Ed25519 the trusted root must carry our
    // C2SP note key ID as checkpointKeyId (as for Rekor v2).
    const req = createRequire(__filename);
    const { verifyCheckpoint } = req('@sigstore/verify/dist/tlog/checkpoint') as {
      verifyCheckpoint: (entry: unknown, tlogs: unknown[]) => { origin: string; logSize: bigint; logHash: Buffer };
    };
    const signer = generateEphemeralSigner(algorithm);
    const spki = await signer.publicKeySpki();
    const cp = await sampleCheckpoint(7);
    const noteSigner = await createNoteSigner(ORIGIN, signer);
    const signed = await signCheckpoint(cp, [noteSigner]);
    const tlog = {
      logID: Buffer.from(algorithm === 'ed25519' ? noteSigner.keyId : sha256(spki)),
      publicKey: createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }),
      baseURL: `https://${ORIGIN}`,
      validFor: { start: new Date(0), end: new Date(8.64e15) },
    };
    const entry = { inclusionProof: { checkpoint: { envelope: signed.envelope } } };
    const got = verifyCheckpoint(entry, [tlog]);
    assert.equal(got.origin, ORIGIN);
    assert.equal(got.logSize, 7n);
    assert.equal(toHex(got.logHash), toHex(cp.rootHash));
    const tampered = { inclusionProof: { checkpoint: { envelope: signed.envelope.replace('\n7\n', '\n8\n') } } };
    assert.throws(() => verifyCheckpoint(tampered, [tlog]));
  });
}
