/// <reference lib="webworker" />
import { transferables, type FromWorker } from '../shared/protocol';
import { Session } from './session';

declare const self: DedicatedWorkerGlobalScope;

const post = (msg: FromWorker): void => self.postMessage(msg, transferables(msg));
const session = new Session(post);

self.onmessage = (event: MessageEvent<unknown>) => session.receive(event.data);
