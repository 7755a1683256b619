import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileError } from './file-errors';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
fs.writeFileSync(path.join(dir, 'file'), 'x');
fs.mkdirSync(path.join(dir, 'sub'));

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

// Real failing calls, so the codes, syscalls and paths are the ones Node gives.
const cases: { name: string; run: () => unknown; file?: string; code: string; says: RegExp }[] = [
  { name: 'reading a missing file', run: () => fs.readFileSync(path.join(dir, 'none')), code: 'FILE_NOT_FOUND', says: /^Cannot open \S+none: no such file or directory\.$/ },
  { name: 'reading a directory (Node gives no path)', run: () => fs.readFileSync(path.join(dir, 'sub')), file: path.join(dir, 'sub'), code: 'NOT_A_FILE', says: /^Cannot read \S+sub: it is a directory, a file was expected\.$/ },
  { name: 'reading a directory without a path at hand', run: () => fs.readFileSync(path.join(dir, 'sub')), code: 'NOT_A_FILE', says: /^Cannot read: it is a directory, a file was expected\.$/ },
  { name: 'a path through a file', run: () => fs.readFileSync(path.join(dir, 'file', 'x')), code: 'NOT_A_DIRECTORY', says: /^Cannot open \S+file\/x: \S+file is a file, a directory was expected\.$/ },
  { name: 'listing a file', run: () => fs.readdirSync(path.join(dir, 'file')), code: 'NOT_A_DIRECTORY', says: /^Cannot list the directory \S+file: it is a file, a directory was expected\.$/ },
  { name: 'creating over a file', run: () => fs.writeFileSync(path.join(dir, 'file'), 'y', { flag: 'wx' }), code: 'FILE_EXISTS', says: /^Cannot create \S+file: it already exists, and Rootsmith never overwrites a file/ },
  { name: 'a directory where a file is', run: () => fs.mkdirSync(path.join(dir, 'file'), { recursive: true }), code: 'FILE_EXISTS', says: /^Cannot create the directory \S+file: a file with that name is in the way\.$/ },
  { name: 'a directory without its parent', run: () => fs.mkdirSync(path.join(dir, 'a', 'b')), code: 'FILE_NOT_FOUND', says: /^Cannot create the directory \S+a\/b: its parent directory does not exist\.$/ },
];

for (const c of cases) {
  test(`fileError: ${c.name} -> ${c.code}`, () => {
    const e = fileError(thrown(c.run), c.file);
    assert.ok(e, 'recognised');
    assert.equal(e.code, c.code);
    assert.match(e.message, c.says);
    assert.doesNotMatch(e.message, /\bE[A-Z]{3,}\b/, 'no errno text');
  });
}

test('fileError leaves other errors alone', () => {
  assert.equal(fileError(new Error('not a file problem')), undefined);
  assert.equal(fileError(Object.assign(new Error('x'), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' })), undefined);
  assert.equal(fileError('a string'), undefined);
  assert.equal(fileError(Object.assign(new Error('spawn x ENOENT'), { code: 'ENOENT', syscall: 'spawn x', path: 'x' })), undefined, 'a missing program');
  assert.equal(fileError(Object.assign(new Error('kill EPERM'), { code: 'EPERM', syscall: 'kill' })), undefined, 'a signal refused');
});
