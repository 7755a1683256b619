import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { describeIssues } from './validation';

// The same shapes the contract uses (app/contract/tsa.ts, tuf.ts, keys.ts), so the words are the ones users get.
const url = z.string().url('must be an http(s) URL').max(2048).refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');
const schema = z
  .object({
    url: url.optional(),
    days: z.number().int().min(1).max(36500).optional(),
    chainPem: z.string().min(1, 'chainPem is empty').includes('-----BEGIN CERTIFICATE-----', { message: 'chainPem has no PEM certificate' }).optional(),
    id: z.string().regex(/^([0-9a-fA-F]{2})+$/, 'key ID must be hex bytes').optional(),
    curve: z.enum(['p256', 'p384']).optional(),
    label: z.string().min(1).max(32).optional(),
    token: z.string(),
  })
  .strict();

const cases: { name: string; request: unknown; message: string }[] = [
  { name: 'two checks of one rule are said once', request: { token: 't', url: 'notaurl' }, message: 'The request is not valid: url must be an http(s) URL.' },
  { name: "Zod's default bound becomes words", request: { token: 't', days: 100000 }, message: 'The request is not valid: days must be at most 36500.' },
  { name: 'a message naming its own field does not name it twice', request: { token: 't', chainPem: 'garbage' }, message: 'The request is not valid: chainPem has no PEM certificate.' },
  { name: 'a custom message that is not a predicate keeps a colon', request: { token: 't', id: 'zz' }, message: 'The request is not valid: id: key ID must be hex bytes.' },
  { name: 'an enum lists its values', request: { token: 't', curve: 'rsa' }, message: 'The request is not valid: curve must be one of p256, p384.' },
  { name: 'a missing field is required', request: {}, message: 'The request is not valid: token is required.' },
  { name: 'an empty string', request: { token: 't', label: '' }, message: 'The request is not valid: label must not be empty.' },
  { name: 'a long string', request: { token: 't', label: 'x'.repeat(33) }, message: 'The request is not valid: label must be at most 32 characters long.' },
  { name: 'a whole number', request: { token: 't', days: 1.5 }, message: 'The request is not valid: days must be a whole number.' },
  { name: 'an unknown field', request: { token: 't', pin: '1234' }, message: 'The request is not valid: the request has an unknown field: pin.' },
];

for (const c of cases) {
  test(`describeIssues: ${c.name}`, () => {
    const parsed = schema.safeParse(c.request);
    assert.equal(parsed.success, false);
    if (parsed.success) return;
    const described = describeIssues(parsed.error.issues);
    assert.equal(described.message, c.message);
    assert.ok(!/Too (big|small)|Invalid (input|option)|<=|>=/.test(described.message), 'no Zod wording');
  });
}
