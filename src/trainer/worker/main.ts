/// <reference lib="webworker" />
import { transferables, type FromWorker } from '../shared/protocol';
import { Session } from './session';
import type { HelperPort } from './split';

declare const self: DedicatedWorkerGlobalScope;

const post = (msg: FromWorker): void => self.postMessage(msg, transferables(msg));
const spawnHelper = (): HelperPort =>
  new Worker(new URL('./helper.ts', import.meta.url), { type: 'module', name: 'trainer-helper' });
const session = new Session(post, undefined, spawnHelper);

self.onmessage = (event: MessageEvent<unknown>) => session.receive(event.data);
