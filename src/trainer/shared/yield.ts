const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

/**
 * Ends the task: what is queued runs before the caller goes on (in the worker, messages such as a
 * pause or a slider between training steps; on the page, input and rendering between the parts of
 * a save), without setTimeout's 4 ms clamp.
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}
