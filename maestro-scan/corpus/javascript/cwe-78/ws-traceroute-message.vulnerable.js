const { WebSocketServer } = require('ws');
const { exec } = require('child_process');

const wss = new WebSocketServer({ port: 8081 });

wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const { host } = JSON.parse(data.toString());
    exec(`traceroute -m 15 ${host}`, (err, stdout) => {
      socket.send(JSON.stringify({ host, hops: err ? [] : stdout.split('\n') }));
    });
  });
});
