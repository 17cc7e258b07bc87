import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { scaleOutDrill } from './scale-out.ts';

// Network namespaces need root and iproute2 (.ci/run runs as root and installs it); a developer's
// unprivileged run says so instead of failing on `ip netns add`.
const canMakeHosts = process.getuid?.() === 0 && spawnSync('ip', ['-V']).status === 0;
if (!canMakeHosts) console.warn('drill 10 (scale-out) needs root and iproute2: not run as this user');

describe.runIf(canMakeHosts)('drill 10: scaled out over two hosts (network namespaces)', () => {
  it('answers every filing once through two APIs and fires every step and mail once, one API and one worker killed mid-run', async () => {
    const report = await scaleOutDrill.run('short');
    console.log(report.summary);
    expect(report.failures).toEqual([]);
  }, 420_000);
});
