import { HelperHost, HelperLink, type HelperPort, type HelperReply } from './split';
import { yieldToEvents } from '../shared/yield';

/**
 * Test support: a helper worker in this process. Requests and replies are cloned and delivered in
 * tasks of their own, as postMessage does; `crash` fires the worker's error event.
 */
export function inProcessHelper(
  prepare: (threads: number) => Promise<string> = async (t) => `in process, ${t} thread`,
): { port: HelperPort; link: HelperLink; crash: (message: string) => void } {
  const port: HelperPort = {
    onmessage: null,
    onerror: null,
    // Requests arrive in the queue the helper's own yields between chunks wait in (yieldToEvents), so
    // a request sent before a yield is taken at it, as a worker takes messages queued before its own.
    postMessage: (req) => void yieldToEvents().then(() => host.receive(structuredClone(req))),
    terminate: () => undefined,
  };
  const deliver = (reply: HelperReply) =>
    setTimeout(() => port.onmessage?.({ data: structuredClone(reply) } as MessageEvent<HelperReply>));
  const host = new HelperHost(deliver, prepare);
  const crash = (message: string) => port.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  return { port, link: new HelperLink(port), crash };
}
