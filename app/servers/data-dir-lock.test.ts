// The data directory lock: one holder at a time, a dead holder's lock taken over, only the holder releases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixedClock } from '../../core/clock';
import { DataDirLockError, LOCK_FILE, lockDataDir } from './data-dir-lock';

const clock = fixedClock(new Date('2026-11-27T17:00:00Z'));

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-lock-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

test('a second lock on the same directory is refused with DATA_DIR_IN_USE naming the holder; release frees it', (t) => {
  const dir = tempDir(t);
  const notes: string[] = [];
  const first = lockDataDir(dir, { clock, by: 'rootsmith serve', notice: (m) => notes.push(m) });
  assert.throws(
    () => lockDataDir(dir, { clock, by: 'rootsmith serve', notice: (m) => notes.push(m) }),
    (e: unknown) =>
      e instanceof DataDirLockError &&
      e.code === 'DATA_DIR_IN_USE' &&
      e.message.startsWith(`${dir} is in use by rootsmith serve (pid ${process.pid}, since 2026-11-27T17:00:00.000Z); stop it first.`),
  );
  first.release();
  assert.equal(fs.existsSync(path.join(dir, LOCK_FILE)), false);
  const again = lockDataDir(dir, { clock, by: 'rootsmith serve', notice: (m) => notes.push(m) });
  again.release();
  assert.deepEqual(notes, []);
  assert.deepEqual(fs.readdirSync(dir), [], 'no temporary files are left behind');
});

test('a lock left by a process that is gone is taken over, with a note', (t) => {
  const dir = tempDir(t);
  const pid = deadPid();
  fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid, hostname: os.hostname(), startedAt: '2026-11-01T00:00:00.000Z', by: 'rootsmith serve', token: 'old' }));
  const notes: string[] = [];
  const lock = lockDataDir(dir, { clock, by: 'rootsmith serve', notice: (m) => notes.push(m) });
  assert.equal(notes.length, 1);
  assert.match(notes[0]!, new RegExp(`locked by pid ${pid} \\(since 2026-11-01T00:00:00.000Z\\), which is no longer running; taking the lock over`));
  assert.equal(JSON.parse(fs.readFileSync(lock.file, 'utf8')).pid, process.pid);
  lock.release();
});

test('an unreadable lock file is taken over; a live lock of another host is refused', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, LOCK_FILE);
  fs.writeFileSync(file, '');
  const notes: string[] = [];
  lockDataDir(dir, { clock, by: 'x', notice: (m) => notes.push(m) }).release();
  assert.match(notes[0] ?? '', /was unreadable; taking the lock over/);
  fs.writeFileSync(file, JSON.stringify({ pid: 1, hostname: 'elsewhere.example', startedAt: 'T', by: 'rootsmith serve', token: 't' }));
  assert.throws(() => lockDataDir(dir, { clock, by: 'x', notice: () => undefined }), /in use by rootsmith serve \(pid 1 on elsewhere\.example, since T\)/);
});

test('release removes only its own lock', (t) => {
  const dir = tempDir(t);
  const lock = lockDataDir(dir, { clock, by: 'x', notice: () => undefined });
  // Someone removed our lock and another process took the directory: our release must leave theirs alone.
  const theirs = JSON.stringify({ pid: process.pid, hostname: os.hostname(), startedAt: 'T', by: 'y', token: 'theirs' });
  fs.writeFileSync(lock.file, theirs);
  lock.release();
  assert.equal(fs.readFileSync(lock.file, 'utf8'), theirs);
});
