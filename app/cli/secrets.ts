// PINs and passphrases for the CLI: from an environment variable the caller names, or a no-echo prompt.
// Never from argv, where every user of the machine can read them.
import { UsageError } from './errors';
import { CommandFailed } from './output';

export async function readSecret(opts: { envName?: string | undefined; prompt: string; flag: string }): Promise<string> {
  if (opts.envName !== undefined) {
    const value = process.env[opts.envName];
    // The name is never repeated: given by mistake, it may be the secret itself.
    if (value === undefined || value === '') throw new UsageError(`The environment variable named by ${opts.flag} is not set (or is empty); ${opts.flag} takes the NAME of a variable that holds the secret.`);
    return value;
  }
  if (!process.stdin.isTTY) {
    throw new UsageError(`No terminal to ask for the secret: pass ${opts.flag} NAME with the secret in that environment variable.`);
  }
  return promptHidden(opts.prompt);
}

/**
 * A NEW secret (a passphrase for new key files, a new token PIN): `check` runs on it first; typed at the
 * prompt it is asked twice and both must match, since one typo would lock the keys away for good.
 */
export async function readNewSecret(opts: { envName?: string | undefined; prompt: string; flag: string; check?: (secret: string) => void }): Promise<string> {
  const value = await readSecret(opts);
  opts.check?.(value);
  if (opts.envName !== undefined) return value;
  const again = await promptHidden('Type it again to confirm: ');
  if (again !== value) throw new CommandFailed({ code: 'SECRET_MISMATCH', message: 'The two entries differ; nothing was done. Run the command again and type the same secret twice.' });
  return value;
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
