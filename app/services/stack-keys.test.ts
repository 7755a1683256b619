// The stack service's ceremony keys: the request becomes `rootsmith serve`'s options, secrets are handed out by
// the name openServiceKey asks for, forgotten after the start, and never put in an error message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemas } from '../contract/api';
import { keyUses, serveOptions, stackSecrets } from './stack-keys';

const uri = 'pkcs11:token=ceremony;object=tsa;type=private';

test('a start request becomes the options `rootsmith serve` passes to startStack', () => {
  const o = serveOptions({ tsaKey: uri, tsaChain: '/c/tsa-chain.pem', tsaPolicy: '1.2.3', oidcIssuer: 'https://issuer.example' });
  assert.equal(o['tsa-key'], uri);
  assert.equal(o['tsa-chain'], '/c/tsa-chain.pem');
  assert.equal(o['tsa-policy'], '1.2.3');
  assert.equal(o['oidc-issuer'], 'https://issuer.example');
  assert.equal(o['log-key'], undefined);
  assert.ok(!Object.values(o).includes('246810'));
});

test('secrets go out by name, are forgotten after the start, and a missing one names what to enter, not a value', async () => {
  const s = stackSecrets({ pin: '246810', passphrase: 'correct horse' });
  assert.equal(await s.secret('PIN for the TSA key', 'pin'), '246810');
  assert.equal(await s.secret('Passphrase for /k.pem', 'passphrase'), 'correct horse');
  s.forget();
  await assert.rejects(s.secret('PIN for the TSA key', 'pin'), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'SECRET_REQUIRED');
    assert.match(e.message, /PIN for the TSA key is needed/);
    assert.ok(!e.message.includes('246810'));
    return true;
  });
});

test('the running view names ceremony keys by reference and the rest as rehearsal keys', () => {
  const k = keyUses({ tsaKey: uri, tsaChain: '/c/tsa-chain.pem', pin: '246810' });
  assert.deepEqual(k.tsa, [{ use: 'timestamps', ceremony: true, ref: uri, chain: '/c/tsa-chain.pem' }]);
  assert.deepEqual(k.log, [{ use: 'checkpoints and entry timestamps', ceremony: false }]);
  assert.ok(!JSON.stringify(k).includes('246810'));
});

test('the schema pairs keys with chains and asks for the secret a key needs, by field', () => {
  const issues = (r: unknown) => {
    const p = schemas.stack.start.safeParse(r);
    return p.success ? [] : p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  assert.deepEqual(issues({ tsaKey: uri, pin: '246810' }), ['tsaChain: give the TSA chain file with its key']);
  assert.deepEqual(issues({ caChain: '/c/ca.pem', pin: '246810' }), ['caKey: give the CA key with its chain file']);
  assert.deepEqual(issues({ logKey: uri }), ['pin: enter the token PIN: a key is on a PKCS#11 token']);
  assert.deepEqual(issues({ logKey: '/keys/log.pem' }), ['passphrase: enter the passphrase of the key files']);
  assert.deepEqual(issues({ logKey: uri, pin: '12' }), ['pin: PIN must have at least 4 characters']);
  assert.equal(issues({ tsaKey: uri, tsaChain: '/c', tsaPolicy: 'x', pin: '246810' }).length, 1);
  assert.deepEqual(issues({}), []);
});
