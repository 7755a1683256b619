// PINs and passphrases for the CLI: from an environment variable the caller names, or a no-echo prompt.
// Never from argv, where every user of the machine can read them.
import { UsageError } from './errors';

export async function readSecret(opts: { envName?: string | undefined; prompt: string; flag: string }): Promise<string> {
  if (opts.envName !== undefined) {
    const value = process.env[opts.envName];
    if (value === undefined || value === '') throw new UsageError(`${opts.flag} names the environment variable ${opts.envName}, but it is not set.`);
    return value;
  }
  if (!process.stdin.isTTY) {
    throw new UsageError(`No terminal to ask for the secret: pass ${opts.flag} NAME with the secret in that environment variable.`);
  }
  return promptHidden(opts.prompt);
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
