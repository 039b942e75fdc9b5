const http = require('http');

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/go') {
    const target = url.searchParams.get('to') || '/';
    res.writeHead(302, { Location: target });
    return res.end();
  }
  res.writeHead(404);
  res.end('not found');
});

server.listen(8080);
