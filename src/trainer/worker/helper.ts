/// <reference lib="webworker" />
import { startWasm } from './backend';
import { HelperHost, type HelperRequest } from './split';

declare const self: DedicatedWorkerGlobalScope;

// The helper worker of a split run (split.ts): started by the trainer worker, it trains the other half of the heads.
const host = new HelperHost((msg) => self.postMessage(msg), startWasm);

self.onmessage = (event: MessageEvent<HelperRequest>) => host.receive(event.data);
