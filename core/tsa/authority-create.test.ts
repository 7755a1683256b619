// The startup check: TimestampAuthority.create refuses keys, certificates and chains whose tokens would not verify.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { fixedClock } from '../clock';
import { generateEphemeralSigner } from '../keys/software-signer';
import type { Signer } from '../keys/signer';
import { TimestampAuthority } from './authority';
import { TsaError, type TsaErrorCode } from './errors';
import { PersistentSerialSource } from './serial';
import { makeTestChain, TEST_POLICY, x509, type TestChainOptions } from './test-chain';

const NOW = new Date('2026-11-27T12:00:00Z');

async function attempt(t: { after(fn: () => void): void }, signer: Signer, chain: Uint8Array[], policyOid = TEST_POLICY) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return TimestampAuthority.create({ signer, chain, policyOid, clock: fixedClock(NOW), serials: await PersistentSerialSource.open(dir) });
}

function isCode(code: TsaErrorCode) {
  return (e: unknown) => e instanceof TsaError && e.code === code;
}

test('a good key and chain start', async (t) => {
  const signer = generateEphemeralSigner('ecdsa-p256');
  const chain = await makeTestChain({ leafSpki: await signer.publicKeySpki(), withIntermediate: true });
  const tsa = await attempt(t, signer, chain.chain);
  assert.equal(tsa.issuedCount, 0);
  assert.equal(tsa.policyOid, TEST_POLICY);
  assert.deepEqual(tsa.certificateChain, chain.chain);
});

test('a signer whose key is not the certificate key is refused with TSA_KEY_MISMATCH', async (t) => {
  const signer = generateEphemeralSigner('ecdsa-p256');
  const other = generateEphemeralSigner('ecdsa-p256');
  const chain = await makeTestChain({ leafSpki: await other.publicKeySpki() });
  await assert.rejects(attempt(t, signer, chain.chain), isCode('TSA_KEY_MISMATCH'));
});

const badLeaves: [string, Partial<TestChainOptions>][] = [
  ['no extended key usage', { eku: null }],
  ['a non-critical timeStamping EKU', { ekuCritical: false }],
  ['timeStamping plus codeSigning', { eku: [x509.ExtendedKeyUsage.timeStamping, x509.ExtendedKeyUsage.codeSigning] }],
  ['codeSigning only', { eku: [x509.ExtendedKeyUsage.codeSigning] }],
  ['keyEncipherment without digitalSignature', { keyUsage: x509.KeyUsageFlags.keyEncipherment }],
  ['an expired certificate', { notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2025-01-01T00:00:00Z') }],
];
for (const [what, options] of badLeaves) {
  test(`a leaf with ${what} is refused with TSA_CERT_INVALID`, async (t) => {
    const signer = generateEphemeralSigner('ecdsa-p256');
    const chain = await makeTestChain({ leafSpki: await signer.publicKeySpki(), ...options });
    await assert.rejects(attempt(t, signer, chain.chain), isCode('TSA_CERT_INVALID'));
  });
}

test('a chain whose root did not issue the leaf is refused with TSA_CHAIN_INVALID', async (t) => {
  const signer = generateEphemeralSigner('ecdsa-p256');
  const a = await makeTestChain({ leafSpki: await signer.publicKeySpki() });
  const b = await makeTestChain({ leafSpki: await signer.publicKeySpki() });
  // Same names, different root key: only the signature check can tell.
  await assert.rejects(attempt(t, signer, [a.leaf, b.root]), isCode('TSA_CHAIN_INVALID'));
  await assert.rejects(attempt(t, signer, []), isCode('TSA_CHAIN_INVALID'));
  await assert.rejects(attempt(t, signer, [a.leaf, new Uint8Array([0x30, 0x00])]), isCode('TSA_CHAIN_INVALID'));
});

test('an invalid policy OID is refused with TSA_CONFIG_INVALID', async (t) => {
  const signer = generateEphemeralSigner('ecdsa-p256');
  const chain = await makeTestChain({ leafSpki: await signer.publicKeySpki() });
  await assert.rejects(attempt(t, signer, chain.chain, 'not-an-oid'), isCode('TSA_CONFIG_INVALID'));
});
