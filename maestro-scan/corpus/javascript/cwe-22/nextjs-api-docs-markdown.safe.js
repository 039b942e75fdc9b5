import fs from 'fs';
import path from 'path';

const DOCS_DIR = path.join(process.cwd(), 'content', 'docs');

export default function handler(req, res) {
  const { slug } = req.query;
  if (typeof slug !== 'string' || !/^[a-z0-9-]+$/.test(slug)) {
    return res.status(400).json({ error: 'Bad slug' });
  }
  try {
    const markdown = fs.readFileSync(path.join(DOCS_DIR, `${slug}.md`), 'utf8');
    res.status(200).json({ slug, markdown });
  } catch (err) {
    res.status(404).json({ error: 'Not found' });
  }
}
