// Runs the CLI at a real pseudo-terminal (Python's pty module drives it), for prompts that need a TTY: each
// [expected text, keys to type] pair waits for the text, then types. No timing assertions: only waits.
import { spawnSync } from 'node:child_process';
import { cliEntry, projectRoot } from './paths';

const DRIVER = `
import json, os, pty, sys, select, time
script = json.loads(sys.argv[1]); cmd = sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
out = b''
def read_some(deadline):
    global out
    r, _, _ = select.select([fd], [], [], max(0, deadline - time.time()))
    if not r: return False
    try: chunk = os.read(fd, 4096)
    except OSError: return False
    if not chunk: return False
    out += chunk
    return True
seen = 0
for expect, send in script:
    deadline = time.time() + 30
    while expect.encode() not in out[seen:]:
        if not read_some(deadline): sys.stdout.write(out.decode(errors='replace')); sys.exit(97)
    seen = out.index(expect.encode(), seen) + len(expect)
    time.sleep(0.2)  # let the program switch the terminal to no-echo before typing
    os.write(fd, send.encode())
while read_some(time.time() + 60): pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors='replace'))
sys.exit(os.waitstatus_to_exitcode(status))
`;

/** Runs `rootsmith args` at a terminal; `script` lists what to wait for and what to type then ("\r" = Enter). */
export function runCliAtTerminal(args: string[], script: [string, string][], env: Record<string, string> = {}): { status: number | null; output: string } {
  const r = spawnSync('python3', ['-c', DRIVER, JSON.stringify(script), process.execPath, cliEntry, ...args], { cwd: projectRoot, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 90_000 });
  return { status: r.status, output: r.stdout + r.stderr };
}
