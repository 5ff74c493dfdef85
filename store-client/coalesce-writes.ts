// Coalesces saves of a value that keeps changing (a ledger, sync times): at most one write in
// flight; calls made meanwhile only mark it dirty, and one more write follows. Every caller's
// promise settles once a write that started after its call has finished.

export function coalesceWrites(write: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | undefined;
  let dirty = false;

  const run = async (): Promise<void> => {
    try {
      do {
        dirty = false;
        await write();
      } while (dirty);
    } finally {
      // Cleared in the same tick as the last `dirty` check: a call landing after that check
      // starts a new run instead of joining one that has already decided to end.
      inFlight = undefined;
    }
  };

  return () => {
    if (inFlight) {
      dirty = true;
      return inFlight;
    }
    inFlight = run();
    return inFlight;
  };
}
