export default function handler(req, res) {
  const { title = 'Untitled', author = 'anonymous' } = req.query;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.status(200).end(`<!doctype html>
<html><head><title>${title}</title></head>
<body><h1>${title}</h1><p>by ${author}</p></body></html>`);
}
