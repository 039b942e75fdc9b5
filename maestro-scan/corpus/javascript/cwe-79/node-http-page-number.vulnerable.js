const http = require('http');

http
  .createServer((req, res) => {
    const url = new URL(req.url, `http://${req.headers.host}`);
    const page = url.searchParams.get('page') || '1';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.write('<nav>');
    res.write(`<span>Page ${page}</span>`);
    res.end('</nav>');
  })
  .listen(8080);
