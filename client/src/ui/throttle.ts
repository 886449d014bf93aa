/**
 * At most one call per `ms`, and always a trailing call with the latest arguments, so a burst of updates
 * never leaves the display showing a stale value.
 */
export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): ((...args: A) => void) & { now: (...args: A) => void; cancel: () => void } {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | undefined;
  const run = (args: A) => {
    last = performance.now();
    pending = undefined;
    fn(...args);
  };
  const call = (...args: A) => {
    const wait = ms - (performance.now() - last);
    if (wait <= 0 && !timer) {
      run(args);
      return;
    }
    pending = args;
    timer ??= setTimeout(
      () => {
        timer = undefined;
        if (pending) run(pending);
      },
      Math.max(wait, 0),
    );
  };
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  return Object.assign(call, {
    cancel,
    now: (...args: A) => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      run(args);
    },
  });
}
