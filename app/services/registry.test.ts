import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyError } from '../../core/keys/errors';
import { createRegistry, type ServiceImpls } from './registry';
import { createSystemService } from './system-service';

function registryWith(generate: () => never) {
  const keys = {
    tokens: () => ({ module: { path: '', description: '', manufacturer: '', version: '' }, tokens: [] }),
    login: ({ token }: { token: string }) => ({ token, loggedIn: true as const }),
    logout: ({ token }: { token: string }) => ({ token, loggedIn: false as const }),
    list: ({ token }: { token: string }) => ({ token, keys: [] }),
    generate,
    createTestToken: () => ({ dir: '', conf: '', module: '', label: '' }),
  } satisfies ServiceImpls['keys'];
  // Only the services these cases call; the others are never reached (the cast keeps this test independent of them).
  return createRegistry({ system: createSystemService('cli'), keys } as Partial<ServiceImpls> as ServiceImpls);
}

const cases: { name: string; service: string; method: string; request: unknown; code: string; field?: string }[] = [
  { name: 'unknown service', service: 'nope', method: 'x', request: {}, code: 'UNKNOWN_SERVICE' },
  { name: 'unknown method', service: 'keys', method: 'explode', request: {}, code: 'UNKNOWN_METHOD' },
  { name: 'prototype key as service', service: '__proto__', method: 'x', request: {}, code: 'UNKNOWN_SERVICE' },
  { name: 'missing field', service: 'keys', method: 'generate', request: { token: 't', curve: 'p256' }, code: 'REQUEST_INVALID', field: 'label' },
  { name: 'bad enum', service: 'keys', method: 'generate', request: { token: 't', label: 'k', curve: 'rsa' }, code: 'REQUEST_INVALID', field: 'curve' },
  { name: 'unknown field', service: 'keys', method: 'list', request: { token: 't', pin: '1234' }, code: 'REQUEST_INVALID', field: '(request)' },
  { name: 'wrong type', service: 'keys', method: 'login', request: { token: 't', pin: 1234 }, code: 'REQUEST_INVALID', field: 'pin' },
  { name: 'non-object', service: 'keys', method: 'list', request: 'token', code: 'REQUEST_INVALID' },
  { name: 'over-long token label', service: 'keys', method: 'list', request: { token: 'x'.repeat(33) }, code: 'REQUEST_INVALID', field: 'token' },
];

for (const c of cases) {
  test(`registry rejects ${c.name} with ${c.code}`, async () => {
    const registry = registryWith(() => {
      throw new Error('must not run');
    });
    const r = await registry.dispatch(c.service, c.method, c.request);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, c.code);
    assert.ok(r.error.message.length > 10, 'a message a person can read');
    if (c.field) assert.ok((r.error.details?.fields as string[]).includes(c.field), `names ${c.field}: ${r.error.message}`);
  });
}

test('registry turns a thrown typed error into { code, message } and never echoes the PIN', async () => {
  const registry = registryWith(() => {
    throw new KeyError('KEY_LABEL_EXISTS', 'A key labelled "root" already exists on token "t"; choose another label.');
  });
  const r = await registry.dispatch('keys', 'generate', { token: 't', label: 'root', curve: 'p384' });
  assert.deepEqual(r, { ok: false, error: { code: 'KEY_LABEL_EXISTS', message: 'A key labelled "root" already exists on token "t"; choose another label.' } });
  const bad = await registry.dispatch('keys', 'login', { token: 't', pin: 'secret-pin-value', extra: 1 });
  assert.equal(bad.ok, false);
  assert.ok(!JSON.stringify(bad).includes('secret-pin-value'));
});

test('registry answers a valid request', async () => {
  const registry = registryWith(() => {
    throw new Error('unused');
  });
  const r = await registry.call('system', 'status', {});
  assert.equal(r.ok, true);
  if (r.ok) assert.equal(r.value.transport, 'cli');
});
