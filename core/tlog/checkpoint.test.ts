// Checkpoint note text (C2SP tlog-checkpoint): round trip and a table of malformed texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCheckpoint, parseCheckpoint } from './checkpoint';
import { TlogError } from './errors';

const ROOT = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';

test('the spec example parses and formats back byte for byte', () => {
  const text = `example.com/behind-the-sofa\n20852163\n${ROOT}\n`;
  const cp = parseCheckpoint(text);
  assert.equal(cp.origin, 'example.com/behind-the-sofa');
  assert.equal(cp.size, 20852163);
  assert.equal(Buffer.from(cp.rootHash).toString('base64'), ROOT);
  assert.deepEqual(cp.extensions, []);
  assert.equal(formatCheckpoint(cp), text);
  const withExt = `o\n0\n${ROOT}\nTimestamp: 1\nx\n`;
  assert.deepEqual(parseCheckpoint(withExt).extensions, ['Timestamp: 1', 'x']);
  assert.equal(formatCheckpoint(parseCheckpoint(withExt)), withExt);
});

test('malformed checkpoint texts are refused with CHECKPOINT_INVALID', () => {
  const bad: [string, string][] = [
    ['no final newline', `o\n1\n${ROOT}`],
    ['two lines', 'o\n1\n'],
    ['empty origin', `\n1\n${ROOT}\n`],
    ['leading zero', `o\n01\n${ROOT}\n`],
    ['negative', `o\n-1\n${ROOT}\n`],
    ['hex size', `o\n0x10\n${ROOT}\n`],
    ['size beyond 2^53', `o\n90071992547409930\n${ROOT}\n`],
    ['short root', 'o\n1\nAAAA\n'],
    ['unpadded root', `o\n1\n${ROOT.slice(0, -1)}\n`],
    ['url-safe root', `o\n1\n${ROOT.replace('/', '_')}\n`],
    ['empty extension line', `o\n1\n${ROOT}\n\nx\n`],
  ];
  for (const [name, text] of bad) {
    assert.throws(() => parseCheckpoint(text), (e: unknown) => e instanceof TlogError && e.code === 'CHECKPOINT_INVALID', name);
  }
});
