// Opens the web host in Chromium's app mode (a window without browser chrome), with a throwaway profile and
// none of Chromium's background network traffic: a ceremony laptop should stay quiet.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | null {
  const fromEnv = process.env.ROOTSMITH_BROWSER;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

export function hasDisplay(): boolean {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

export function openAppWindow(browser: string, url: string): { child: ChildProcess; profileDir: string } {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rootsmith-browser-'));
  const args = [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(browser, args, { stdio: 'ignore' });
  return { child, profileDir };
}
