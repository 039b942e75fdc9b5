const { WebSocketServer } = require('ws');
const fs = require('fs');
const path = require('path');

const SHARE_DIR = '/srv/share';
const SHARED_FILES = new Set(['agenda.txt', 'minutes.txt', 'roster.csv']);
const wss = new WebSocketServer({ port: 9000 });

wss.on('connection', (ws) => {
  ws.on('message', (raw) => {
    const { file } = JSON.parse(raw);
    if (!SHARED_FILES.has(file)) return;
    fs.readFile(path.join(SHARE_DIR, file), 'utf8', (err, text) => {
      ws.send(JSON.stringify({ file, text: err ? null : text }));
    });
  });
});
