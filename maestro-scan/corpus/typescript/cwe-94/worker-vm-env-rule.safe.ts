import vm from 'node:vm';
import { parentPort } from 'node:worker_threads';

interface Event { type: string; size: number }

const DEFAULT_RULE = 'event.size > 1000';
const rule = DEFAULT_RULE;
const script = new vm.Script(rule);

parentPort?.on('message', (event: Event) => {
  if (script.runInNewContext({ event }, { timeout: 20 })) {
    parentPort?.postMessage({ alert: true, event });
  }
});
