// The ceremony presets shipped in resources/ceremonies/, found from the source tree or the built dist/ tree,
// and the rule that turns a PLAN argument into a file: an existing path, else a preset name.
import fs from 'node:fs';
import path from 'node:path';

export function presetsDir(): string {
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources', 'ceremonies');
    if (fs.existsSync(candidate)) return candidate;
  }
  return path.resolve('resources', 'ceremonies');
}

export function listPresetFiles(): string[] {
  const dir = presetsDir();
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(dir, f)) : [];
}

/** `plan` as a path when such a file exists, else the preset of that name (with or without .yaml). */
export function resolvePlanFile(plan: string): string {
  if (fs.existsSync(plan)) return path.resolve(plan);
  const name = plan.endsWith('.yaml') ? plan : `${plan}.yaml`;
  if (/^[a-z0-9-]+\.yaml$/.test(name)) {
    const preset = path.join(presetsDir(), name);
    if (fs.existsSync(preset)) return preset;
  }
  return path.resolve(plan);
}
