// Runs the real `rootsmith` CLI as a user would, with secrets only in the environment.
import { spawnSync } from 'node:child_process';
import { cliEntry, projectRoot } from './paths';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  json(): unknown;
}

export function runCli(args: string[], env: Record<string, string | undefined> = {}): CliResult {
  const r = spawnSync(process.execPath, [cliEntry, ...args], { cwd: projectRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
