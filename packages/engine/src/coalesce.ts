/**
 * Batches calls while the resource is busy, the way a database's group commit does: a call that
 * arrives while fewer than `inFlight` batches run goes at once (alone, when the process is quiet:
 * no added wait, unlike a timer window); calls arriving meanwhile wait for a running batch to
 * finish and then go together, up to `maxBatch`. Under load the batches grow by themselves.
 *
 * `run` answers each item in order, each with its own outcome; should `run` itself throw, every
 * item of the batch gets that error.
 */
export type Settled<V> = { ok: true; value: V } | { ok: false; error: unknown };

export function createCoalescer<K, V>(run: (items: K[]) => Promise<Array<Settled<V>>>, options: { maxBatch: number; inFlight: number }): (item: K) => Promise<V> {
  const queue: Array<{ item: K; resolve: (v: V) => void; reject: (e: unknown) => void }> = [];
  let running = 0;
  const pump = () => {
    while (running < options.inFlight && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      running += 1;
      run(batch.map((b) => b.item))
        .then(
          (results) =>
            batch.forEach((b, n) => {
              const r = results[n];
              if (r?.ok) b.resolve(r.value);
              else b.reject(r ? r.error : new Error('the batch gave this item no outcome'));
            }),
          (e: unknown) => batch.forEach((b) => b.reject(e)),
        )
        .finally(() => {
          running -= 1;
          pump();
        });
    }
  };
  return (item) =>
    new Promise<V>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      pump();
    });
}
