// Preloaded (`node --import`) into service processes a test spawns: when the test process dies,
// even by SIGKILL where no 'exit' hook runs, the IPC channel closes and the child exits too.
// Unref'd, the channel does not keep a child alive that has finished on its own.
if (process.channel) {
  process.on('disconnect', () => process.exit(1));
  process.channel.unref();
}
