// Tampering is caught with specific errors: by the signing session (wrong key, wrong bytes, stale request,
// altered request) and by the real tuf-js client (modified target, foreign signature, replay, expiry).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixedClock } from '../clock';
import { generateEphemeralSigner } from '../keys/software-signer';
import { toHex } from '../bytes';
import {
  canonicalBytes,
  formatMetadataJson,
  importSignature,
  loadSigningRequest,
  payloadBytes,
  signRequest,
  tufKeyFromSpki,
  TufRepository,
  verifyWithClient,
  type SigningRequest,
} from './index';
import { serveDirectory } from '../testing/static-http';


const code = (expected: string) => (e: Error & { code?: string }) => {
  assert.equal(e.code, expected, e.message);
  return true;
};

test('tampered repositories and signatures fail with specific errors', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  const dir = path.join(base, 'repo');
  const pub = path.join(dir, 'published');
  const server = await serveDirectory(pub);
  try {
    const rootSigner = generateEphemeralSigner('ecdsa-p256');
    const targetsSigner = generateEphemeralSigner('ecdsa-p256');
    const online = generateEphemeralSigner('ecdsa-p256');
    const outsider = generateEphemeralSigner('ecdsa-p256');
    const key = async (s: typeof online, owner: string) => tufKeyFromSpki(await s.publicKeySpki(), { owner });
    const onlineKey = await key(online, 'online');
    const repo = TufRepository.create(dir, {
      clock: fixedClock(new Date()),
      root: { keys: [await key(rootSigner, '@root')], threshold: 1 },
      targets: { keys: [await key(targetsSigner, '@targets')], threshold: 1 },
      snapshot: { keys: [onlineKey], threshold: 1 },
      timestamp: { keys: [onlineKey], threshold: 1 },
    });
    const payload = Buffer.from('trusted bytes');
    repo.addTarget('payload.txt', payload);
    const signAll = async () => {
      for (const req of repo.requestSignatures()) {
        importSignature(repo.sessionDir, await signRequest(req, req.role === 'root' ? rootSigner : targetsSigner));
      }
    };
    await signAll();
    await repo.publish({ snapshot: online, timestamp: online });
    const root1 = new Uint8Array(fs.readFileSync(path.join(pub, 'metadata', '1.root.json')));
    const client = (workDir = fs.mkdtempSync(path.join(base, 'client-'))) =>
      verifyWithClient({ trustedRoot: root1, metadataBaseUrl: `${server.url}/metadata`, targetBaseUrl: `${server.url}/targets`, workDir });
    const cachedClientDir = fs.mkdtempSync(path.join(base, 'client-'));
    assert.equal((await client(cachedClientDir)).targets[0]!.path, 'payload.txt');

    // Modified target on the mirror.
    const targetFiles = fs.readdirSync(path.join(pub, 'targets')).map((f) => path.join(pub, 'targets', f));
    for (const f of targetFiles) fs.writeFileSync(f, 'evil bytes!!!');
    await assert.rejects(client(), code('TARGET_MISMATCH'));
    for (const f of targetFiles) fs.writeFileSync(f, payload);

    // Timestamp signed by a key that is not the timestamp key (listed under the timestamp key's ID).
    const tsFile = path.join(pub, 'metadata', 'timestamp.json');
    const goodTs = fs.readFileSync(tsFile, 'utf8');
    const ts = JSON.parse(goodTs);
    ts.signatures[0].sig = toHex(await outsider.sign(canonicalBytes(ts.signed)));
    fs.writeFileSync(tsFile, formatMetadataJson(ts));
    await assert.rejects(client(), code('BAD_SIGNATURE'));
    fs.writeFileSync(tsFile, goodTs);

    // Replay: a client that has seen timestamp v2 is served v1 again.
    await repo.refreshOnline(online, online);
    assert.equal((await client(cachedClientDir)).versions['timestamp'], 2);
    const ts2 = fs.readFileSync(tsFile);
    fs.writeFileSync(tsFile, goodTs);
    await assert.rejects(client(cachedClientDir), code('ROLLBACK'));
    fs.writeFileSync(tsFile, ts2);

    // Signing session: a key not in the role, a signature over other bytes, a stale request, an altered request.
    repo.addTarget('second.txt', Buffer.from('second'));
    const [req] = repo.requestSignatures() as [SigningRequest];
    await assert.rejects(signRequest(req, outsider), code('KEY_NOT_IN_ROLE'));
    const outsiderKey = await key(outsider, '@mallory');
    const foreign = { type: 'rootsmith/tuf-signature', formatVersion: 1, role: 'targets', version: req.version, keyid: outsiderKey.keyID, sig: toHex(await outsider.sign(payloadBytes(req))), requestSha256: req.payloadSha256 };
    assert.throws(() => importSignature(repo.sessionDir, foreign), code('KEY_NOT_IN_ROLE'));
    const good = await signRequest(req, targetsSigner);
    const otherBytes = toHex(await targetsSigner.sign(Buffer.from('some other bytes')));
    assert.throws(() => importSignature(repo.sessionDir, { ...good, sig: otherBytes }), code('SIGNATURE_INVALID'));
    repo.addTarget('third.txt', Buffer.from('third')); // the staged bytes change: the first request is stale
    assert.throws(() => importSignature(repo.sessionDir, good), code('SIGNATURE_WRONG_REQUEST'));
    const [req2] = repo.requestSignatures() as [SigningRequest];
    const altered = { ...req2, payload: Buffer.from(Buffer.from(req2.payload, 'base64').toString('utf8').replace('third.txt', 'thirt.txt')).toString('base64') };
    await assert.rejects(signRequest(altered, targetsSigner), code('REQUEST_INVALID'));
    assert.throws(() => importSignature(repo.sessionDir, { ...good, keyid: 'zz' }), code('SIGNATURE_FILE_INVALID'));
    assert.equal(loadSigningRequest(path.join(repo.sessionDir, 'requests', 'targets.request.json')).payloadSha256, req2.payloadSha256);
    assert.equal(importSignature(repo.sessionDir, await signRequest(req2, targetsSigner)).status.allMet, true);

    // Expired metadata: the online refresh ran with a timestamp expiry fixed in the past.
    await repo.refreshOnline(online, online, { timestamp: new Date('2021-01-01T00:00:00Z') });
    await assert.rejects(client(), code('EXPIRED'));
  } finally {
    await server.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
});
