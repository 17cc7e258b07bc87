/** How much of a drill to run: `short` in the test suite (seconds), `full` on demand (`pnpm drill <name>`). */
type DrillScale = 'short' | 'full';

/** What a drill found: a one-line summary of what it did, and every broken promise it saw. */
type DrillReport = {
  summary: string;
  /** Empty when the drill passed; each entry says what went wrong, with the evidence. */
  failures: string[];
};

/** One reliability or security drill, run against real processes. */
export type Drill = {
  name: string;
  /** The promise the drill checks, in a sentence. */
  promise: string;
  run(scale: DrillScale): Promise<DrillReport>;
};

/** Collects failures as a drill goes, so one run reports all it saw rather than the first. */
export function failures() {
  const list: string[] = [];
  return {
    list,
    /** Records `message` unless `ok`. */
    check(ok: boolean, message: string | (() => string)): boolean {
      if (!ok) list.push(typeof message === 'string' ? message : message());
      return ok;
    },
  };
}
