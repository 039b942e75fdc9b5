const express = require('express');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = express.Router();

router.get('/products/search', async (req, res, next) => {
  try {
    const term = req.query.q || '';
    const { rows } = await pool.query(
      "SELECT id, title, price FROM products WHERE title ILIKE '%' || $1 || '%' ORDER BY title LIMIT 50",
      [term]
    );
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
