// Which pnpm to call back into. These scripts run before `install`, so Node built-ins only.
import path from 'node:path';

/**
 * The pnpm that is running us (pnpm sets `npm_execpath` for scripts), so install uses the same
 * version the user typed; `npx -y pnpm@10` when run by plain `node scripts/...` or by npm.
 * @returns `[command, ...leadingArgs]`
 */
export function pnpmCommand(env = process.env) {
  const execPath = env.npm_execpath;
  if (execPath && path.basename(execPath).startsWith('pnpm')) {
    // pnpm.cjs is a script to run with Node; @pnpm/exe's `pnpm` is a binary to run as is.
    return /\.[cm]?js$/.test(execPath) ? [process.execPath, execPath] : [execPath];
  }
  return ['npx', '-y', 'pnpm@10'];
}
