// Runs the real `rootsmith serve` as a child process, waits for its one JSON line, and stops it with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { cliEntry, projectRoot } from './paths';

export interface Served {
  urls: Record<string, string>;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM, then the exit code (SIGKILL after 10 s). */
  stop(): Promise<number | null>;
}

export interface ServeFailure {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `rootsmith serve ARGS`; resolves once the JSON line is printed, rejects with the exit if it dies first. */
export function startServe(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 30_000): Promise<Served> {
  const child = spawn(process.execPath, [cliEntry, 'serve', ...args], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise<Served>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not print its JSON line within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      const nl = stdout.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      try {
        resolve({ urls: JSON.parse(stdout.slice(0, nl)) as Record<string, string>, child, stderr: () => stderr, stop });
      } catch (e) {
        child.kill('SIGKILL');
        reject(e);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      const failure: ServeFailure = { code, stdout, stderr };
      reject(Object.assign(new Error(`serve exited with ${code}: ${stderr}`), failure));
    });
  });
}
