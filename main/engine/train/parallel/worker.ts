// A data-parallel training worker thread: its own TensorFlow.js backend with a copy of the model's
// parameters (frozen ones received once, trainable ones re-read from shared memory whenever the
// training thread has applied an update), computing Σ scale · ∇ loss over the shards it is sent and
// writing that gradient into its shared gradient buffer. It never updates weights itself.
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../../native/tfjs-backend';
import { StudioError } from '../../../common/errors';
import { loss, type RunOptions } from '../../models/forward';
import { parseModelConfig } from '../../models/registry';
import type { Architecture, BaseConfig } from '../../models/types';
import { viewOf, type FromWorker, type InitMessage, type StepMessage, type ToWorker } from './protocol';

interface State {
  init: InitMessage;
  arch: Architecture;
  config: BaseConfig;
  options: RunOptions;
  frozen: Record<string, tf.Tensor>;
  trainable: tf.Tensor[];
  version: number;
}

const port = parentPort;
if (port === null) throw new Error('worker.ts runs only as a worker thread');
let state: State | null = null;

function post(message: FromWorker): void {
  port!.postMessage(message);
}

async function init(message: InitMessage): Promise<void> {
  await initBackend(message.backend);
  const { arch, config } = parseModelConfig(message.model.rawConfig);
  const frozen: Record<string, tf.Tensor> = {};
  message.frozen.names.forEach((name, i) => {
    frozen[name] = tf.tensor(message.frozen.data[i] as Float32Array, message.frozen.shapes[i], 'float32');
  });
  state = { init: message, arch, config, options: { ...message.model.options, ...(message.model.head ? { head: message.model.head } : {}) }, frozen, trainable: [], version: -1 };
}

/** Re-reads the trainable weights from shared memory (copied: the buffer is rewritten after the step). */
function refreshWeights(s: State, version: number): void {
  if (s.version === version) return;
  tf.dispose(s.trainable);
  const { layout, weights } = s.init;
  s.trainable = layout.names.map((_, i) => tf.tensor(viewOf(weights, layout, i).slice(), layout.shapes[i] as number[], 'float32'));
  s.version = version;
}

async function step(message: StepMessage): Promise<void> {
  const s = state;
  if (s === null) throw new Error('step before init');
  refreshWeights(s, message.weightsVersion);
  const { layout } = s.init;
  const params: Record<string, tf.Tensor> = { ...s.frozen };
  layout.names.forEach((name, i) => (params[name] = s.trainable[i] as tf.Tensor));
  const acc: (tf.Tensor | null)[] = layout.names.map(() => null);
  let lossSum = 0;
  try {
    for (const { batch, scale, options } of message.shards) {
      const inputs = { input_ids: batch.input_ids, ...(batch.attention_mask ? { attention_mask: batch.attention_mask } : {}), ...(batch.token_type_ids ? { token_type_ids: batch.token_type_ids } : {}) };
      const { value, grads } = tf.tidy(() =>
        tf.engine().gradients(() => tf.mul(loss(s.arch, params, s.config, inputs, batch.labels, { ...s.options, ...options }), tf.scalar(scale)) as tf.Scalar, s.trainable, undefined, true),
      );
      lossSum += (await value.data())[0] as number;
      value.dispose();
      grads.forEach((g, i) => {
        if (g === null || g === undefined) return;
        const prev = acc[i] ?? null;
        if (prev === null) acc[i] = g;
        else {
          acc[i] = tf.add(prev, g);
          prev.dispose();
          g.dispose();
        }
      });
    }
    const withoutGrad: string[] = [];
    for (let i = 0; i < layout.names.length; i++) {
      const view = viewOf(s.init.grads, layout, i);
      const g = acc[i];
      if (g === null || g === undefined) {
        view.fill(0);
        withoutGrad.push(layout.names[i] as string);
      } else view.set(await g.data());
    }
    post({ type: 'grads', id: message.id, loss: lossSum, withoutGrad });
  } finally {
    tf.dispose(acc.filter((g): g is tf.Tensor => g !== null));
  }
}

function fail(id: number | null, error: unknown): void {
  post({ type: 'error', id, message: error instanceof Error ? error.message : String(error), code: error instanceof StudioError ? error.code : null });
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'close') {
    if (state !== null) tf.dispose([...Object.values(state.frozen), ...state.trainable]);
    port.close();
    return;
  }
  if (message.type === 'init') {
    init(message).then(() => post({ type: 'ready' }), (error: unknown) => fail(null, error));
    return;
  }
  step(message).catch((error: unknown) => fail(message.id, error));
});
