const express = require('express');
const { Sequelize, QueryTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);
const app = express();

app.get('/tickets', async (req, res) => {
  const status = req.query.status || 'open';
  const tickets = await sequelize.query(
    `SELECT id, subject, status FROM tickets WHERE status = '${status}' ORDER BY id DESC`,
    { type: QueryTypes.SELECT }
  );
  res.json(tickets);
});

app.listen(3000);
