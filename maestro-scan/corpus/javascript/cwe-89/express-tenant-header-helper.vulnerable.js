const express = require('express');
const { Pool } = require('pg');

const pool = new Pool();
const app = express();

function invoicesQuery(tenant) {
  return `SELECT id, amount, due_date FROM invoices WHERE tenant_id = '${tenant}'`;
}

app.get('/api/invoices', async (req, res) => {
  const tenant = req.headers['x-tenant-id'];
  const { rows } = await pool.query(invoicesQuery(tenant));
  res.json(rows);
});

app.listen(3000);
