// Where Rootsmith keeps its own files (rehearsal tokens, service data): $ROOTSMITH_HOME or the XDG data dir.
import os from 'node:os';
import path from 'node:path';

export function appDataDir(): string {
  if (process.env.ROOTSMITH_HOME) return path.resolve(process.env.ROOTSMITH_HOME);
  const xdg = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(xdg, 'rootsmith');
}
