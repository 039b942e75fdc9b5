import mysql from 'mysql2/promise';

const pool = mysql.createPool({
  host: process.env.MYSQL_HOST,
  user: process.env.MYSQL_USER,
  database: 'blog',
});

export default async function handler(req, res) {
  const { slug } = req.query;
  const [rows] = await pool.query(
    `SELECT title, body, published_at FROM posts WHERE slug = '${slug}' LIMIT 1`
  );
  if (rows.length === 0) {
    return res.status(404).json({ error: 'Post not found' });
  }
  res.status(200).json(rows[0]);
}
