// Token verification and decoding, on tokens our TSA issued for openssl-made queries, and on tampered copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { ContentInfo, EncapsulatedContent, SignedData } from '@peculiar/asn1-cms';
import { MessageImprint, TimeStampReq, TimeStampResp, TimeStampToken, TSTInfo } from '@peculiar/asn1-tsp';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { makeTestChain, makeTestTsa, TEST_POLICY, x509 } from './test-chain';
import { generateEphemeralSigner } from '../keys/software-signer';
import { parseTimestampRequest } from './request';
import { buildTstInfo } from './tstinfo';
import { buildToken } from './token';
import { grantedResponse } from './response';
import { parseCert } from './certs';
import { toPem } from '../bytes';
import { verifyTimestamp } from './verify';
import { decodeTimestamp } from './decode';
import { TsaError, type TsaErrorCode } from './errors';
import type { KeyAlgorithm } from '../keys/signer';

const DATA = new TextEncoder().encode('artifact bytes\n');

async function issue(t: { after(fn: () => void): void }, algorithm: KeyAlgorithm, queryArgs: string[], extra = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const made = await makeTestTsa(dir, algorithm, extra);
  fs.writeFileSync(path.join(dir, 'data'), DATA);
  execFileSync('openssl', ['ts', '-query', '-data', path.join(dir, 'data'), ...queryArgs, '-out', path.join(dir, 'q.tsq')], { stdio: 'pipe' });
  const result = await made.tsa.respond(new Uint8Array(fs.readFileSync(path.join(dir, 'q.tsq'))));
  assert.equal(result.granted, true);
  return { ...made, dir, result, der: result.der };
}

function code(c: TsaErrorCode) {
  return (e: unknown) => e instanceof TsaError && e.code === c;
}

/** Re-encodes a response after `edit` changed its SignedData. */
function tamper(der: Uint8Array, edit: (sd: SignedData) => void): Uint8Array {
  const resp = AsnConvert.parse(der, TimeStampResp);
  const sd = AsnConvert.parse(resp.timeStampToken!.content, SignedData);
  edit(sd);
  resp.timeStampToken = new TimeStampToken({ contentType: resp.timeStampToken!.contentType, content: AsnConvert.serialize(sd) });
  return new Uint8Array(AsnConvert.serialize(resp));
}

test('a granted response verifies against the data and the root', async (t) => {
  const { der, chain, result } = await issue(t, 'ecdsa-p256', ['-sha256', '-cert'], { withIntermediate: true });
  const v = verifyTimestamp(der, { data: DATA, trustedRoots: [chain.root], policyOid: TEST_POLICY });
  assert.equal(v.genTime.toISOString(), '2026-11-27T12:00:00.000Z');
  assert.equal(v.serial, result.serial);
  assert.equal(v.signerSubject, 'CN=Rootsmith Test TSA, O=Rootsmith');
  assert.deepEqual(v.chain, ['CN=Rootsmith Test TSA, O=Rootsmith', 'CN=Rootsmith Test Intermediate', 'CN=Rootsmith Test Root']);
  // The same with only the digest at hand, and on the bare token openssl extracts.
  verifyTimestamp(der, { digest: { algorithm: 'sha256', value: createHash('sha256').update(DATA).digest() }, trustedRoots: [chain.root] });
  const resp = AsnConvert.parse(der, TimeStampResp);
  const token = new Uint8Array(AsnConvert.serialize(new ContentInfo({ contentType: resp.timeStampToken!.contentType, content: resp.timeStampToken!.content })));
  verifyTimestamp(token, { data: DATA, trustedRoots: [chain.root] });
});

test('other data, another root, a missing chain and a wrong nonce are refused with their codes', async (t) => {
  const { der, chain } = await issue(t, 'ecdsa-p256', ['-sha256']);
  assert.throws(() => verifyTimestamp(der, { data: new TextEncoder().encode('other'), trustedRoots: [chain.root] }), code('IMPRINT_MISMATCH'));
  // certReq was false: the leaf must be supplied.
  assert.throws(() => verifyTimestamp(der, { data: DATA, trustedRoots: [chain.root] }), code('CHAIN_INVALID'));
  verifyTimestamp(der, { data: DATA, trustedRoots: [chain.root], untrusted: [chain.leaf] });
  const other = await issue(t, 'ecdsa-p256', ['-sha256']);
  assert.throws(() => verifyTimestamp(der, { data: DATA, trustedRoots: [other.chain.root], untrusted: [chain.leaf] }), code('CHAIN_INVALID'));
  assert.throws(
    () => verifyTimestamp(der, { data: DATA, trustedRoots: [chain.root], untrusted: [chain.leaf], nonce: new Uint8Array([1, 2, 3]) }),
    code('NONCE_MISMATCH'),
  );
  assert.throws(() => verifyTimestamp(der, { data: DATA, trustedRoots: [chain.root], untrusted: [chain.leaf], policyOid: '1.2.3' }), code('POLICY_MISMATCH'));
});

test('a changed signature or a changed TSTInfo is refused with SIGNATURE_INVALID', async (t) => {
  const { der, chain } = await issue(t, 'ecdsa-p256', ['-sha256', '-cert']);
  const badSig = tamper(der, (sd) => {
    const sig = new Uint8Array(sd.signerInfos[0]!.signature.buffer).slice();
    sig[sig.length - 2]! ^= 0x01;
    sd.signerInfos[0]!.signature = new OctetString(sig);
  });
  assert.throws(() => verifyTimestamp(badSig, { data: DATA, trustedRoots: [chain.root] }), code('SIGNATURE_INVALID'));
  const laterTime = tamper(der, (sd) => {
    const tst = AsnConvert.parse(sd.encapContentInfo.eContent!.single!, TSTInfo);
    tst.genTime = new Date('2030-01-01T00:00:00Z');
    sd.encapContentInfo.eContent = new EncapsulatedContent({ single: new OctetString(AsnConvert.serialize(tst)) });
  });
  assert.throws(() => verifyTimestamp(laterTime, { data: DATA, trustedRoots: [chain.root] }), code('SIGNATURE_INVALID'));
  const noCerts = tamper(der, (sd) => {
    delete sd.certificates;
  });
  assert.throws(() => verifyTimestamp(noCerts, { data: DATA, trustedRoots: [chain.root], untrusted: [chain.root] }), code('CHAIN_INVALID'));
});

test('rejections and garbage are refused with NOT_GRANTED and TOKEN_INVALID', async (t) => {
  const { tsa, chain } = await issue(t, 'ecdsa-p256', ['-sha256']);
  const rejected = await tsa.respond(new Uint8Array([1, 2, 3]));
  assert.throws(() => verifyTimestamp(rejected.der, { data: DATA, trustedRoots: [chain.root] }), code('NOT_GRANTED'));
  assert.throws(() => verifyTimestamp(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]), { data: DATA, trustedRoots: [chain.root] }), code('TOKEN_INVALID'));
  assert.throws(() => decodeTimestamp(new TextEncoder().encode('nope')), code('TOKEN_INVALID'));
});

test('Ed25519 tokens verify here (openssl 3.0 cannot verify Ed25519 CMS signatures at all)', async (t) => {
  const { der, chain } = await issue(t, 'ed25519', ['-sha512', '-cert']);
  const v = verifyTimestamp(der, { data: DATA, trustedRoots: [chain.root] });
  assert.equal(v.signerSubject, 'CN=Rootsmith Test TSA, O=Rootsmith');
  assert.equal(decodeTimestamp(der).token?.signatureAlgorithm, 'Ed25519');
  assert.equal(decodeTimestamp(der).token?.digestAlgorithm, 'sha512');
});

test('decode shows the fields of a granted response and of a rejection', async (t) => {
  const { der, tsa, result, dir } = await issue(t, 'ecdsa-p384', ['-sha384', '-cert'], { includeTsaName: true, withIntermediate: true });
  const d = decodeTimestamp(der);
  assert.equal(d.status, 'granted');
  assert.deepEqual(d.failures, []);
  const tok = d.token!;
  assert.equal(tok.genTime, '2026-11-27T12:00:00.000Z');
  assert.equal(tok.policyOid, TEST_POLICY);
  assert.equal(BigInt(`0x${tok.serialHex}`), result.serial);
  assert.equal(tok.imprint.algorithm, 'sha384');
  assert.equal(tok.imprint.hashHex, createHash('sha384').update(DATA).digest('hex'));
  const q = execFileSync('openssl', ['ts', '-query', '-in', path.join(dir, 'q.tsq'), '-text'], { encoding: 'utf8' });
  assert.equal(BigInt(tok.nonceHex ? `0x${tok.nonceHex}` : '0'), BigInt(/Nonce: (0x[0-9A-F]+)/.exec(q)![1]!));
  assert.deepEqual(tok.accuracy, { seconds: 1, millis: 0, micros: 0 });
  assert.equal(tok.tsaName, 'CN=Rootsmith Test TSA, O=Rootsmith');
  assert.equal(tok.signatureAlgorithm, 'ecdsa-with-SHA384');
  assert.equal(tok.signer?.subject, 'CN=Rootsmith Test TSA, O=Rootsmith');
  assert.equal(tok.signerId.issuer, 'CN=Rootsmith Test Intermediate');
  assert.deepEqual(tok.certificates.map((c) => c.subject), ['CN=Rootsmith Test TSA, O=Rootsmith', 'CN=Rootsmith Test Intermediate']);

  const rej = decodeTimestamp((await tsa.respond(new Uint8Array([0x30, 0x00]))).der);
  assert.equal(rej.status, 'rejection');
  assert.deepEqual(rej.failures, ['badDataFormat']);
  assert.equal(rej.statusStrings.length, 1);
  assert.equal(rej.token, undefined);
});

test('tokens issued by openssl as the TSA verify here too (interop, ESS v2 with SHA-256)', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const chain = await makeTestChain({ leafSpki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })) });
  const f = (n: string) => path.join(dir, n);
  fs.writeFileSync(f('key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  fs.writeFileSync(f('tsa.pem'), toPem(chain.leaf, 'CERTIFICATE'));
  fs.writeFileSync(f('data'), DATA);
  fs.writeFileSync(
    f('tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = t',
      '[ t ]',
      `serial = ${f('serial')}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'accuracy = secs:1',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(f('serial'), '01\n');
  execFileSync('openssl', ['ts', '-query', '-data', f('data'), '-sha256', '-cert', '-out', f('q.tsq')], { stdio: 'pipe' });
  execFileSync('openssl', ['ts', '-reply', '-config', f('tsa.cnf'), '-queryfile', f('q.tsq'), '-signer', f('tsa.pem'), '-inkey', f('key.pem'), '-out', f('r.tsr')], { stdio: 'pipe' });
  const der = new Uint8Array(fs.readFileSync(f('r.tsr')));
  const v = verifyTimestamp(der, { data: DATA, trustedRoots: [chain.root], policyOid: '1.2.3.4.1' });
  assert.equal(v.serial, 2n); // openssl increments the serial file before use
  assert.throws(() => verifyTimestamp(der, { data: new Uint8Array([1]), trustedRoots: [chain.root] }), code('IMPRINT_MISMATCH'));
});

test('a token signed under a certificate without the timeStamping EKU is refused with CERT_INVALID', async () => {
  // The TSA refuses such a certificate at startup, so the token is assembled from the lower-level builders.
  const signer = generateEphemeralSigner('ecdsa-p256');
  const chain = await makeTestChain({ leafSpki: await signer.publicKeySpki(), eku: [x509.ExtendedKeyUsage.codeSigning] });
  const parsed = parseTimestampRequest(
    new Uint8Array(
      AsnConvert.serialize(
        new TimeStampReq({
          messageImprint: new MessageImprint({
            hashAlgorithm: new AlgorithmIdentifier({ algorithm: '2.16.840.1.101.3.4.2.1' }),
            hashedMessage: new OctetString(createHash('sha256').update(DATA).digest()),
          }),
        }),
      ),
    ),
    { acceptedPolicies: [] },
  );
  assert.ok(parsed.ok);
  const tstInfo = buildTstInfo({ request: parsed.request, policyOid: TEST_POLICY, serial: 7n, genTime: new Date('2026-11-27T12:00:00Z') });
  const leaf = parseCert(chain.leaf, 'CERT_INVALID', 'leaf');
  const der = grantedResponse(await buildToken({ tstInfo, signer, leaf, certificates: [leaf] }));
  assert.throws(() => verifyTimestamp(der, { data: DATA, trustedRoots: [chain.root] }), code('CERT_INVALID'));
});
