import mysql from 'mysql2/promise';

const pool = mysql.createPool({
  host: process.env.MYSQL_HOST,
  user: process.env.MYSQL_USER,
  database: 'blog',
});

export default async function handler(req, res) {
  const { slug } = req.query;
  const [rows] = await pool.execute(
    'SELECT title, body, published_at FROM posts WHERE slug = ? LIMIT 1',
    [slug]
  );
  if (rows.length === 0) {
    return res.status(404).json({ error: 'Post not found' });
  }
  res.status(200).json(rows[0]);
}
