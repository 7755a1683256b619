// The TSA end to end against the real openssl CLI: openssl makes the query, our TSA answers, openssl reads and
// verifies the reply. Rejections are read back with openssl too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTestTsa, TEST_POLICY } from './test-chain';
import { PersistentSerialSource } from './serial';
import { TimestampAuthority } from './authority';
import { fixedClock } from '../clock';
import { toHex } from '../bytes';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SignedData } from '@peculiar/asn1-cms';
import { TimeStampReq, TimeStampResp, TSTInfo } from '@peculiar/asn1-tsp';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function openssl(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}` };
}

function imprintOfRequest(der: Uint8Array): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(AsnConvert.parse(der, TimeStampReq).messageImprint));
}

function imprintOfToken(der: Uint8Array): Uint8Array {
  const token = AsnConvert.parse(der, TimeStampResp).timeStampToken!;
  const signed = AsnConvert.parse(token.content, SignedData);
  const info = AsnConvert.parse(signed.encapContentInfo.eContent!.single!, TSTInfo);
  return new Uint8Array(AsnConvert.serialize(info.messageImprint));
}

/** openssl ts -query for `content`, our respond(), the reply written to resp.tsr; returns paths and the result. */
async function roundTrip(dir: string, tsa: TimestampAuthority, content: string, queryArgs: string[]) {
  const data = path.join(dir, 'data');
  const tsq = path.join(dir, 'req.tsq');
  const tsr = path.join(dir, 'resp.tsr');
  fs.writeFileSync(data, content);
  execFileSync('openssl', ['ts', '-query', '-data', data, ...queryArgs, '-out', tsq], { stdio: 'pipe' });
  const result = await tsa.respond(new Uint8Array(fs.readFileSync(tsq)));
  fs.writeFileSync(tsr, result.der);
  return { data, tsq, tsr, result, text: openssl(['ts', '-reply', '-in', tsr, '-text']).out };
}

test('a SHA-256 request with certReq is granted and openssl verifies the token', async (t) => {
  const dir = tempDir(t);
  const { tsa, rootPem } = await makeTestTsa(dir, 'ecdsa-p256', { includeTsaName: true });
  const { data, tsq, tsr, result, text } = await roundTrip(dir, tsa, 'release artefact\n', ['-sha256', '-cert']);
  assert.equal(result.granted, true);
  assert.match(text, /Status: Granted\./);
  assert.match(text, new RegExp(`Policy OID: ${TEST_POLICY.replace(/\./g, '\\.')}`));
  assert.match(text, /Hash Algorithm: sha256/);
  assert.match(text, /Time stamp: Nov 27 12:00:00 2026 GMT/); // whole seconds: accuracy is 1 s
  assert.match(text, /Accuracy: 0x01 seconds/);
  assert.match(text, /Ordering: no/);
  assert.match(text, /TSA: DirName:\/CN=Rootsmith Test TSA\/O=Rootsmith/);
  assert.match(text, new RegExp(`Serial number: 0x0*${result.serial!.toString(16).toUpperCase()}\n`));
  // The chain is in the token (certReq), so the root alone is enough.
  const v = openssl(['ts', '-verify', '-data', data, '-in', tsr, '-CAfile', rootPem]);
  assert.ok(v.ok && /Verification: OK/.test(v.out), v.out);
  // The nonce openssl put in the query comes back.
  const q = openssl(['ts', '-query', '-in', tsq, '-text']).out;
  const nonce = /Nonce: (0x[0-9A-F]+)/.exec(q)![1]!;
  assert.match(text, new RegExp(`Nonce: ${nonce}`));
  const vq = openssl(['ts', '-verify', '-queryfile', tsq, '-in', tsr, '-CAfile', rootPem]);
  assert.ok(vq.ok, vq.out);
  // RFC 3161 2.4.2: messageImprint is the request's, byte for byte (openssl sends NULL hash parameters).
  assert.equal(toHex(imprintOfToken(result.der)), toHex(imprintOfRequest(fs.readFileSync(tsq))));
  assert.equal(tsa.issuedCount, 1);
});

test('without certReq the token has no certificates and verifies with -untrusted tsa.pem; other data fails', async (t) => {
  const dir = tempDir(t);
  const { tsa, rootPem, untrustedPem } = await makeTestTsa(dir, 'ecdsa-p256', { withIntermediate: true });
  const { data, tsr } = await roundTrip(dir, tsa, 'payload', ['-sha256', '-no_nonce']);
  const noChain = openssl(['ts', '-verify', '-data', data, '-in', tsr, '-CAfile', rootPem]);
  assert.equal(noChain.ok, false, 'no certificate to verify with');
  const ok = openssl(['ts', '-verify', '-data', data, '-in', tsr, '-CAfile', rootPem, '-untrusted', untrustedPem]);
  assert.ok(ok.ok && /Verification: OK/.test(ok.out), ok.out);
  fs.writeFileSync(data, 'tampered payload');
  const bad = openssl(['ts', '-verify', '-data', data, '-in', tsr, '-CAfile', rootPem, '-untrusted', untrustedPem]);
  assert.equal(bad.ok, false);
  assert.match(bad.out, /Verification: FAILED/);
  assert.match(bad.out, /message imprint mismatch/);
});

test('an intermediate in the chain is sent with certReq and openssl verifies against the root only', async (t) => {
  const dir = tempDir(t);
  const { tsa, rootPem } = await makeTestTsa(dir, 'ecdsa-p256', { withIntermediate: true });
  const { data, tsr } = await roundTrip(dir, tsa, 'x', ['-sha256', '-cert']);
  const v = openssl(['ts', '-verify', '-data', data, '-in', tsr, '-CAfile', rootPem]);
  assert.ok(v.ok, v.out);
});

test('SHA-384 and SHA-512 imprints are granted and verify', async (t) => {
  const dir = tempDir(t);
  const { tsa, rootPem } = await makeTestTsa(dir);
  for (const alg of ['sha384', 'sha512']) {
    const { data, tsr, text, result } = await roundTrip(dir, tsa, `data for ${alg}`, [`-${alg}`, '-cert']);
    assert.equal(result.granted, true);
    assert.match(text, new RegExp(`Hash Algorithm: ${alg}`));
    assert.ok(openssl(['ts', '-verify', '-data', data, '-in', tsr, '-CAfile', rootPem]).ok);
  }
});

test('a P-384 TSA key signs with ecdsa-with-SHA384 and openssl verifies', async (t) => {
  const dir = tempDir(t);
  const { tsa, rootPem } = await makeTestTsa(dir, 'ecdsa-p384');
  const { data, tsr, result } = await roundTrip(dir, tsa, 'p384', ['-sha256', '-cert']);
  assert.equal(result.granted, true);
  const v = openssl(['ts', '-verify', '-data', data, '-in', tsr, '-CAfile', rootPem]);
  assert.ok(v.ok, v.out);
  const token = path.join(dir, 'token.der');
  execFileSync('openssl', ['ts', '-reply', '-in', tsr, '-token_out', '-out', token], { stdio: 'pipe' });
  assert.match(openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', token]).out, /ecdsa-with-SHA384/);
});

test('rejections: SHA-1 gets badAlg, garbage gets badDataFormat, another policy gets unacceptedPolicy', async (t) => {
  const dir = tempDir(t);
  const { tsa } = await makeTestTsa(dir);
  const sha1 = await roundTrip(dir, tsa, 'x', ['-sha1']);
  assert.equal(sha1.result.granted, false);
  assert.match(sha1.text, /Status: Rejected\./);
  assert.match(sha1.text, /Failure info: unrecognized or unsupported algorithm identifier/);
  assert.match(sha1.text, /TST info:\nNot included\./);

  const policy = await roundTrip(dir, tsa, 'x', ['-sha256', '-tspolicy', '1.2.3.4.5']);
  assert.match(policy.text, /Failure info: the requested TSA policy is not supported by the TSA/);
  const asked = await roundTrip(dir, tsa, 'x', ['-sha256', '-tspolicy', TEST_POLICY]);
  assert.equal(asked.result.granted, true);

  const garbage = await tsa.respond(new TextEncoder().encode('definitely not DER'));
  const tsr = path.join(dir, 'garbage.tsr');
  fs.writeFileSync(tsr, garbage.der);
  const text = openssl(['ts', '-reply', '-in', tsr, '-text']).out;
  assert.match(text, /Status: Rejected\./);
  assert.match(text, /Status description: the request is not a DER TimeStampReq/);
  assert.match(text, /Failure info: the data submitted has the wrong format/);
  assert.equal(tsa.issuedCount, 1);
});

test('serial numbers stay unique across a restart on the same directory', async (t) => {
  const dir = tempDir(t);
  const serials = new Set<bigint>();
  const first = await makeTestTsa(dir);
  const data = path.join(dir, 'd');
  fs.writeFileSync(data, 'd');
  const tsq = path.join(dir, 'q.tsq');
  execFileSync('openssl', ['ts', '-query', '-data', data, '-sha256', '-out', tsq], { stdio: 'pipe' });
  const req = new Uint8Array(fs.readFileSync(tsq));
  for (let i = 0; i < 5; i++) serials.add((await first.tsa.respond(req)).serial!);
  // "Restart": a new serial source over the same directory, a new TSA object.
  const second = await TimestampAuthority.create({
    signer: first.signer,
    chain: first.chain.chain,
    policyOid: TEST_POLICY,
    clock: fixedClock(new Date('2026-11-27T12:00:00Z')),
    serials: await PersistentSerialSource.open(path.join(dir, 'serials')),
  });
  for (let i = 0; i < 5; i++) serials.add((await second.respond(req)).serial!);
  assert.equal(serials.size, 10);
});

test('a sub-second accuracy keeps milliseconds in genTime (RFC 3161 2.4.2)', async (t) => {
  const dir = tempDir(t);
  const { tsa, rootPem } = await makeTestTsa(dir, 'ecdsa-p256', { accuracy: { millis: 100 } });
  const { data, tsr, text } = await roundTrip(dir, tsa, 'x', ['-sha256', '-cert']);
  assert.match(text, /Time stamp: Nov 27 12:00:00\.25 2026 GMT/);
  assert.match(text, /Accuracy: unspecified seconds, 0x64 millis, unspecified micros/);
  assert.ok(openssl(['ts', '-verify', '-data', data, '-in', tsr, '-CAfile', rootPem]).ok);
});

test('a broken clock gets timeNotAvailable; an expired TSA certificate stops issuance with systemFailure', async (t) => {
  const dir = tempDir(t);
  let now: Date | 'broken' = new Date('2026-11-27T12:00:00Z');
  const clock = {
    now: () => {
      if (now === 'broken') throw new Error('NTP unreachable');
      return now;
    },
  };
  const { tsa } = await makeTestTsa(dir, 'ecdsa-p256', { clock });
  now = 'broken';
  const noTime = await roundTrip(dir, tsa, 'x', ['-sha256']);
  assert.equal(noTime.result.failure, 'timeNotAvailable');
  assert.match(noTime.text, /Failure info: the TSA's time source is not available/);
  now = new Date('2039-06-01T00:00:00Z'); // after the leaf's notAfter (2039-01-01)
  const expired = await roundTrip(dir, tsa, 'x', ['-sha256']);
  assert.equal(expired.result.granted, false);
  assert.match(expired.text, /Failure info: the request cannot be handled due to system failure/);
  assert.equal((expired.result.error as { code?: string }).code, 'TSA_CERT_INVALID');
  assert.equal(tsa.issuedCount, 0);
});
