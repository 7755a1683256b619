// `rootsmith serve --log --log-key FILE`: the log signs with the given key (passphrase from the environment),
// answers with it, and refuses a key type Sigstore clients could not match to the log (Ed25519).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { toPem } from '../core/bytes';
import { createSoftwareKey } from '../core/keys';
import { RekorClient } from '../app/log-client';
import { startServe, type Served } from './support/serve';
import { makeTempDir } from './support/temp-dir';

const tmp = makeTempDir('rs-log-key-');
const running: Served[] = [];
after(async () => {
  for (const s of running) await s.stop();
  tmp.cleanup();
});

test('a given P-256 key file signs the log; an Ed25519 key is refused', async () => {
  const keyFile = path.join(tmp.dir, 'log-key.pem');
  const signer = await createSoftwareKey(keyFile, 'ecdsa-p256', 'correct horse');
  const s = await startServe(['--log', '--data', path.join(tmp.dir, 'd'), '--log-key', keyFile, '--passphrase-env', 'LOG_PASS'], { LOG_PASS: 'correct horse' });
  running.push(s);
  const client = new RekorClient(s.urls['log']!);
  assert.equal(await client.publicKey(), toPem(await signer.publicKeySpki(), 'PUBLIC KEY'));
  assert.doesNotMatch(s.stderr(), /correct horse/);
  assert.equal(await s.stop(), 0);

  const edFile = path.join(tmp.dir, 'ed.pem');
  await createSoftwareKey(edFile, 'ed25519', 'pw-twelve-chars');
  await assert.rejects(startServe(['--log', '--data', path.join(tmp.dir, 'e'), '--log-key', edFile, '--passphrase-env', 'LOG_PASS'], { LOG_PASS: 'pw-twelve-chars' }), (e: unknown) => {
    assert.match((e as { stderr: string }).stderr, /ECDSA P-256.*\[LOG_KEY_UNSUPPORTED\]/);
    assert.equal((e as { code: number }).code, 1);
    return true;
  });
});
