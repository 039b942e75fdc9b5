const { parentPort } = require('worker_threads');

const sampleRate = Function('"use strict"; return (' + process.env.TRACE_SAMPLE_RATE + ');')();

parentPort.on('message', (span) => {
  if (Math.random() < sampleRate) {
    parentPort.postMessage({ type: 'export', span });
  }
});
