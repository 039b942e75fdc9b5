const express = require('express');
const knex = require('knex')({
  client: 'pg',
  connection: process.env.DATABASE_URL,
});

const app = express();
app.use(express.json());

app.post('/newsletter/unsubscribe', async (req, res) => {
  const { email } = req.body;
  const updated = await knex('subscribers')
    .whereRaw('lower(email) = lower(?)', [email])
    .update({ active: false });
  res.json({ updated });
});

app.listen(8080);
