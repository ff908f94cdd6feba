/// <reference lib="webworker" />
import { transferables, type FromWorker } from '../shared/protocol';
import { startWasm } from './backend';
import { Session } from './session';
import { HelperHost, type HelperPort, type HelperRequest } from './split';

declare const self: DedicatedWorkerGlobalScope;

/**
 * One bundle, two roles. The page starts it as the trainer worker; the trainer starts it again, from
 * its own URL, as the helper of a split run (split.ts), which trains the other half of the heads.
 * A helper of its own bundle downloaded and compiled a second copy of tfjs (2.4 MB).
 */
const HELPER = 'trainer-helper';

if (self.name === HELPER) {
  const host = new HelperHost((msg) => self.postMessage(msg), startWasm);
  self.onmessage = (event: MessageEvent<HelperRequest>) => host.receive(event.data);
} else {
  const post = (msg: FromWorker): void => self.postMessage(msg, transferables(msg));
  const spawnHelper = (): HelperPort => new Worker(import.meta.url, { type: 'module', name: HELPER });
  const session = new Session(post, undefined, spawnHelper);
  self.onmessage = (event: MessageEvent<unknown>) => session.receive(event.data);
}
