const { parentPort } = require('worker_threads');

const sampleRate = Number.parseFloat(process.env.TRACE_SAMPLE_RATE) || 0;

parentPort.on('message', (span) => {
  if (Math.random() < sampleRate) {
    parentPort.postMessage({ type: 'export', span });
  }
});
