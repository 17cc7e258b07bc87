/** Stops early with a plain message: `engines` is advisory here (.npmrc has engine-strict=false). */
export function assertNodeVersion(min = [20, 19]) {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > min[0] || (major === min[0] && minor >= min[1])) return;
  console.error(`Huiyin needs Node.js >= ${min.join('.')}; this is ${process.version} (${process.execPath}).`);
  process.exit(1);
}
