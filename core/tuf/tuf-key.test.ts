// Key IDs and key forms against the real Sigstore root history (all its quirks) and fresh keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Key } from '@tufjs/models';
import { fromPem } from '../bytes';
import { canonicalBytes, parseJsonObject, type JSONObject } from './metadata-json';
import { computedKeyId, keyOwner, spkiOfTufKey, tufKeyFromSpki } from './tuf-key';
import { verifyTufSignature } from './verify-signature';
import { fixturesDir } from '../testing/fixtures';

const HISTORY = fixturesDir('root-signing', 'metadata', 'root_history');

function rootKeys(version: number): Record<string, JSONObject> {
  const doc = parseJsonObject(fs.readFileSync(path.join(HISTORY, `${version}.root.json`)), `root v${version}`);
  return (doc['signed'] as JSONObject)['keys'] as Record<string, JSONObject>;
}

test('every key ID of Sigstore roots v1..v15 is the SHA-256 of its canonical key object, except one in v11', () => {
  const mismatches: string[] = [];
  let checked = 0;
  for (let v = 1; v <= 15; v++) {
    for (const [id, json] of Object.entries(rootKeys(v))) {
      const key = Key.fromJSON(id, json);
      checked++;
      if (computedKeyId(key) !== id) mismatches.push(`v${v}:${id}`);
      // Every form (hex points in v1-v4, PEM after) yields a usable public key.
      assert.ok(spkiOfTufKey(key).length > 0);
    }
  }
  assert.ok(checked > 80);
  // Root v11 renamed the online key's `x-tuf-on-ci-online-uri` (from "gcpkms://.../cryptoKeys/timestamp" to
  // "gcpkms:.../cryptoKeyVersions/1") but kept the key ID of v10, which hashes the OLD object. So the ID no
  // longer matches the key object; v12 re-listed the same key under its correct ID 0c87432c...
  assert.deepEqual(mismatches, ['v11:7247f0dbad85b147e1863bade761243cc785dcb7aa410e7105dd3d2b61a36d2c']);
  const v10 = rootKeys(10)['7247f0dbad85b147e1863bade761243cc785dcb7aa410e7105dd3d2b61a36d2c']!;
  assert.equal(computedKeyId(Key.fromJSON('x', v10)), '7247f0dbad85b147e1863bade761243cc785dcb7aa410e7105dd3d2b61a36d2c');
  const v11 = Key.fromJSON('x', rootKeys(11)['7247f0dbad85b147e1863bade761243cc785dcb7aa410e7105dd3d2b61a36d2c']!);
  assert.equal(computedKeyId(v11), '0c87432c3bf09fd99189fdc32fa5eaedf4e4a5fac7bab73fa04a2e0fc64af6f5');
  assert.ok(rootKeys(12)['0c87432c3bf09fd99189fdc32fa5eaedf4e4a5fac7bab73fa04a2e0fc64af6f5']);
});

test('tufKeyFromSpki reproduces the Sigstore form and ID of a real key (v13 @lance)', () => {
  const id = '183e64f37670dc13ca0d28995a3053f3740954ddce44321a41e46534cf44e632';
  const original = rootKeys(13)[id]!;
  const pem = (original['keyval'] as JSONObject)['public'] as string;
  const key = tufKeyFromSpki(fromPem(pem, 'PUBLIC KEY'), { owner: '@lance' });
  assert.equal(key.keyID, id);
  assert.deepEqual(key.toJSON(), original);
  assert.equal(keyOwner(key), '@lance');
});

test('P-384 and Ed25519 keys get their TUF schemes and verify signatures over canonical bytes', () => {
  const data = canonicalBytes({ _type: 'targets', version: 1 });
  const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const k384 = tufKeyFromSpki(new Uint8Array(p384.publicKey.export({ format: 'der', type: 'spki' })), { onlineUri: 'pkcs11:token=x' });
  assert.equal(k384.keyType, 'ecdsa');
  assert.equal(k384.scheme, 'ecdsa-sha2-nistp384');
  assert.equal(k384.unrecognizedFields?.['x-tuf-on-ci-online-uri'], 'pkcs11:token=x');
  assert.ok(verifyTufSignature(k384, data, sign('sha384', data, p384.privateKey).toString('hex')));
  assert.ok(!verifyTufSignature(k384, data, sign('sha256', data, p384.privateKey).toString('hex')));

  const ed = generateKeyPairSync('ed25519');
  const ked = tufKeyFromSpki(new Uint8Array(ed.publicKey.export({ format: 'der', type: 'spki' })));
  assert.equal(ked.keyType, 'ed25519');
  assert.equal(ked.scheme, 'ed25519');
  assert.match(ked.keyVal['public']!, /^[0-9a-f]{64}$/);
  assert.equal(computedKeyId(ked), ked.keyID);
  assert.ok(verifyTufSignature(ked, data, sign(null, data, ed.privateKey).toString('hex')));
  assert.ok(!verifyTufSignature(ked, canonicalBytes({ other: 1 }), sign(null, data, ed.privateKey).toString('hex')));
});

test('a key that is not an SPKI is refused with KEY_UNSUPPORTED', () => {
  assert.throws(() => tufKeyFromSpki(new Uint8Array([1, 2, 3])), { code: 'KEY_UNSUPPORTED' });
});
