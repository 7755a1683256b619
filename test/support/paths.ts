// Where tests find the project: the root, the built renderer and the CLI entry.
import path from 'node:path';

export const projectRoot = process.env.ROOTSMITH_PROJECT_ROOT ?? path.resolve(__dirname, '..', '..', '..');
export const rendererDir = path.join(projectRoot, 'dist', 'renderer');
export const cliEntry = path.join(projectRoot, 'bin', 'rootsmith.js');
export const resultsDir = path.join(projectRoot, 'test-results');
export const softhsmModule = '/usr/lib/softhsm/libsofthsm2.so';
