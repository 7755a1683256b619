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

export function savePorts(dataDir: string, urls: Record<string, string | undefined>): void {
  const ports: Record<string, number> = {};
  for (const [name, url] of Object.entries(urls)) {
    const m = url ? /^http:\/\/127\.0\.0\.1:(\d+)/.exec(url) : null;
    if (m) ports[name] = Number(m[1]);
  }
  fs.writeFileSync(path.join(dataDir, FILE), `${JSON.stringify(ports, null, 2)}\n`);
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
