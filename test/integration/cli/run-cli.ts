// Runs `pronto-sync` as a child process through tsx (as bin/pronto-sync.js does), with only the
// environment given (plus PATH and HOME), bounded in time; answers its exit code and output.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun { code: number | null; stdout: string; stderr: string }

export function runCli(args: string[], env: Record<string, string>, timeoutMs = 90_000): Promise<CliRun> {
  return run(process.execPath, ['--import', 'tsx', 'central/cli.ts', ...args], env, timeoutMs);
}

/** The same on a pseudo-terminal (util-linux `script`), so stdout is a TTY; its output ends lines with \r\n. */
export function runCliOnTerminal(args: string[], env: Record<string, string>, timeoutMs = 90_000): Promise<CliRun> {
  const command = [process.execPath, '--import', 'tsx', 'central/cli.ts', ...args].join(' ');
  return run('script', ['-qec', command, '/dev/null'], env, timeoutMs);
}

function run(file: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pronto-sync ${args.join(' ')} ran past ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    child.once('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/** A loopback port nothing listens on (at the moment it was asked). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
