import { samplePoint } from '../../store/sampleCurve';
import type { LabActions } from '../../store/store';
import { describeSetting } from '../shared/applySetting';
import type { RunConfig } from '../shared/config';
import { unhandled, type FromWorker } from '../shared/protocol';
import type { FrameSink } from './frameBus';

type Routed = Exclude<FromWorker, { type: 'snapshot' | 'respawn' }>;

/** Sends a worker message where it belongs: frames to the bus (and their sample accuracies to the store), everything else to the store. */
export function routeMessage(msg: Routed, a: LabActions, frames: FrameSink, config: RunConfig | null): void {
  switch (msg.type) {
    case 'progress':
      a.setProgress(msg.file, msg.overall);
      return;
    case 'dataset':
      a.setDataset({
        trainCount: msg.trainCount,
        testCount: msg.testCount,
        trainUsed: msg.trainUsed,
        testUsed: msg.testUsed,
        trainPerClass: msg.trainPerClass,
      });
      return;
    case 'backend':
      a.setBackend({
        name: msg.backend,
        adapter: msg.adapter,
        hardwareGpu: msg.hardwareGpu,
        reason: msg.reason,
        network: msg.network,
        networkReason: msg.networkReason,
      });
      return;
    case 'running':
      a.setRunning(msg.running);
      return;
    case 'metrics':
      a.addMetrics(msg.metrics);
      return;
    case 'evaluation':
      a.addEvaluation({ step: msg.step, epoch: msg.epoch, heads: msg.heads });
      return;
    case 'frame':
      if (frames.publish(msg.frame, msg.runId)) a.addSamplePoint(samplePoint(msg.frame));
      return;
    case 'applied':
      return;
    case 'refused':
      a.notify(`Refused ${config ? describeSetting(config, msg.setting) : 'a setting'}: ${msg.reason}`);
      return;
    case 'diverged': {
      const d = msg.divergence;
      const hyper = Object.entries(d.hyper)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      const what = `${d.headId}'s ${d.part} went out of bounds (learning rate ${d.learningRate}${hyper ? `, ${hyper}` : ''})`;
      a.setDivergence(d);
      a.notify(
        d.again
          ? `Training diverged again after reverting to step ${d.revertedToStep}: ${what}. Paused; lower the learning rate or reset.`
          : `Training diverged at step ${d.step}: ${what}. Paused and reverted to step ${d.revertedToStep}.`,
      );
      return;
    }
    case 'rejected':
      a.notify(
        `The trainer refused ${msg.messageType === null ? 'a message without a type' : `a '${msg.messageType}' message`}: ${msg.reason}`,
      );
      return;
    case 'error':
      a.setError({ source: msg.source, message: msg.message });
      return;
    case 'digitEmbedded':
      a.setDrawnDigit({ step: msg.step, features: msg.features });
      return;
    default:
      unhandled(msg);
  }
}
