// What a failed tuf-js client check reads like: the real client given a root signed (correctly, with SHA-384) by
// an ECDSA P-384 key refuses it, and Rootsmith names that as KEY_UNSUPPORTED with the fix, not a raw error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Metadata, Root } from '@tufjs/models';
import { generateEphemeralSigner } from '../keys/software-signer';
import { formatMetadataJson, metadataToJSON, tufKeyFromSpki, verifyWithClient } from './index';
import { signMetadataAs } from './sign-metadata';

test('a P-384 root refused by the tuf-js client is KEY_UNSUPPORTED naming the key type tuf-js accepts', async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
  try {
    const signer = generateEphemeralSigner('ecdsa-p384');
    const key = tufKeyFromSpki(await signer.publicKeySpki(), { owner: 'hsm-p384' });
    const root = new Root({ version: 1, specVersion: '1.0.31', expires: '2099-01-01T00:00:00Z', consistentSnapshot: true });
    for (const role of ['root', 'targets', 'snapshot', 'timestamp']) root.addKey(key, role);
    const md = new Metadata(root);
    await signMetadataAs(md, key, signer);
    const trustedRoot = new TextEncoder().encode(formatMetadataJson(metadataToJSON(md)));
    // The client checks the trusted root's own signatures before fetching anything, so no server is needed.
    await assert.rejects(
      verifyWithClient({ trustedRoot, metadataBaseUrl: 'http://127.0.0.1:9/metadata', targetBaseUrl: 'http://127.0.0.1:9/targets', workDir: path.join(base, 'client') }),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, 'KEY_UNSUPPORTED', e.message);
        assert.match(e.message, /root carries valid signatures from 0 of the 1 keys its threshold requires/);
        assert.match(e.message, /ECDSA P-384 keys \(\w{8}\): tuf-js clients .* accept only P-256 and Ed25519 keys/);
        assert.doesNotMatch(e.message, /Error:/);
        return true;
      },
    );
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
});
