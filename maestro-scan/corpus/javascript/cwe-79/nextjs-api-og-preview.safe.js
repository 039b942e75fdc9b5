export default function handler(req, res) {
  const { title = 'Untitled', author = 'anonymous' } = req.query;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.status(200).json({ title, author });
}
