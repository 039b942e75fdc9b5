import { createServer, Socket } from 'net';
import { deserialize } from 'bson';

const server = createServer((socket: Socket) => {
  socket.on('data', (chunk: Buffer) => {
    const message = deserialize(chunk, { evalFunctions: true });
    socket.write(JSON.stringify({ ack: String(message._id ?? ''), keys: Object.keys(message).length }));
  });
});

server.listen(7070);
