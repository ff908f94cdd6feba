/// <reference lib="webworker" />
import { transferables, type FromWorker } from '../shared/protocol';
import { parseToWorker } from '../shared/validate';
import { Session } from './session';

declare const self: DedicatedWorkerGlobalScope;

const post = (msg: FromWorker): void => self.postMessage(msg, transferables(msg));
const session = new Session(post);

self.onmessage = (event: MessageEvent<unknown>) => {
  try {
    session.handle(parseToWorker(event.data));
  } catch (e) {
    session.fail('protocol', e);
  }
};
