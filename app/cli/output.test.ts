import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emitError } from './output';

/** What emitError writes to stderr for one error (text mode, so stdout is untouched). */
function stderrOf(error: { code: string; message: string }): string {
  let out = '';
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    emitError(false, error);
  } finally {
    process.stderr.write = write;
  }
  return out;
}

const cases: { name: string; error: { code: string; message: string }; expected: string }[] = [
  { name: 'a one-line message gets its code', error: { code: 'FILE_NOT_FOUND', message: 'Cannot open /x: no such file or directory.' }, expected: 'rootsmith: Cannot open /x: no such file or directory. [FILE_NOT_FOUND]\n' },
  {
    name: 'a message listing problems with their codes is not given the code again',
    error: { code: 'OUTPUT_MODIFIED', message: 'The ceremony in /c does not verify (1 problem(s)):\n  line 2: Output root-ca.pem does not match. [OUTPUT_MODIFIED]' },
    expected: 'rootsmith: The ceremony in /c does not verify (1 problem(s)):\n  line 2: Output root-ca.pem does not match. [OUTPUT_MODIFIED]\n',
  },
  {
    name: 'a usage error followed by the usage has the code on its first line',
    error: { code: 'USAGE', message: 'Unknown option --x for `rootsmith tsa stamp`.\nUsage:\nrootsmith tsa <verb>' },
    expected: 'rootsmith: Unknown option --x for `rootsmith tsa stamp`. [USAGE]\nUsage:\nrootsmith tsa <verb>\n',
  },
];

for (const c of cases) {
  test(`emitError: ${c.name}`, () => {
    assert.equal(stderrOf(c.error), c.expected);
  });
}
