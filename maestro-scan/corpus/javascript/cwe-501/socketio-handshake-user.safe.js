const { Server } = require('socket.io');
const jwt = require('jsonwebtoken');

const io = new Server(3001, { cors: { origin: 'https://app.example.com' } });

io.use((socket, next) => {
  const token = socket.handshake.auth.token;
  if (!token) return next(new Error('unauthorized'));
  socket.data.userId = jwt.verify(token, process.env.JWT_SECRET).sub;
  next();
});

io.on('connection', (socket) => {
  socket.join(`user:${socket.data.userId}`);
});
