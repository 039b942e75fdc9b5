const http = require('http');
const crypto = require('crypto');

const sessions = new Map();

http.createServer((req, res) => {
  if (req.url === '/login' && req.method === 'POST') {
    const sid = crypto.randomBytes(24).toString('hex');
    sessions.set(sid, { createdAt: Date.now() });
    res.setHeader('Set-Cookie', `sid=${sid}; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax`);
    res.writeHead(204);
    return res.end();
  }
  res.writeHead(404).end();
}).listen(8080);
