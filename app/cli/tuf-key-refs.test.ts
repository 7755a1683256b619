// `[owner=]REF` key arguments: owners split off, PKCS#11 URIs and paths with "=" kept whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitOwner } from './tuf-key-refs';

test('splitOwner', () => {
  const cases: [string, { owner?: string; ref: string }][] = [
    ['alice=alice.pub', { owner: 'alice', ref: 'alice.pub' }],
    ['@alice=keys/alice.pub', { owner: '@alice', ref: 'keys/alice.pub' }],
    ['alice.pub', { ref: 'alice.pub' }],
    ['pkcs11:token=a;object=b?module-path=/usr/lib/x.so', { ref: 'pkcs11:token=a;object=b?module-path=/usr/lib/x.so' }],
    ['bob=pkcs11:token=a;object=b', { owner: 'bob', ref: 'pkcs11:token=a;object=b' }],
    ['./dir=x/key.pub', { ref: './dir=x/key.pub' }],
  ];
  for (const [arg, want] of cases) assert.deepEqual(splitOwner(arg), want, arg);
});
