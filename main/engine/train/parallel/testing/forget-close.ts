// Child process of parallel.test.ts: trains one step on 2 threads and returns without close(); the
// process must still exit by itself (the worker threads are unref'd).
import { initBackend } from '../../../../../native/tfjs-backend';
import { ParallelTrainer } from '../trainer';
import { tinyBatch, tinyModel } from './tiny';

await initBackend('wasm');
const { rawConfig, trainable, optimizer } = tinyModel('bert');
const trainer = new ParallelTrainer({ trainable, optimizer, workers: 2, model: { rawConfig } });
const result = await trainer.step(trainer.lossFor(tinyBatch(4, 8, 5, false)), 1e-3);
process.stdout.write(`trained ${trainer.workers} threads loss ${result.loss.toFixed(4)}\n`);
