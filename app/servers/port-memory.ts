// Ports the services of a data directory used last time, so a restarted `rootsmith serve` keeps its URLs: they
// are written into trusted_root.json, signing_config.json and issued certificates (the OIDC issuer URL).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const FILE = 'serve-ports.json';

export function loadPorts(dataDir: string): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(dataDir, FILE), 'utf8'));
    if (parsed === null || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => Number.isInteger(v) && v > 0 && v < 65536)) as Record<string, number>;
  } catch {
    return {};
  }
}

/**
 * Records the ports of the URLs given, keeping what was saved for the other services: a run that starts only
 * some services must not make the others move. Written to a temporary file and renamed into place, so a crash
 * mid-write leaves the previous file, never a truncated one.
 */
export function savePorts(dataDir: string, urls: Record<string, string | undefined>): void {
  const ports: Record<string, number> = loadPorts(dataDir);
  for (const [name, url] of Object.entries(urls)) {
    const m = url ? /^http:\/\/127\.0\.0\.1:(\d+)/.exec(url) : null;
    if (m) ports[name] = Number(m[1]);
  }
  const file = path.join(dataDir, FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, `${JSON.stringify(ports, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** True when nothing listens on 127.0.0.1:port right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The remembered port for `name` when it is still free, else 0 (any free port). */
export async function preferredPort(remembered: Record<string, number>, name: string): Promise<number> {
  const port = remembered[name];
  return port !== undefined && (await portIsFree(port)) ? port : 0;
}
