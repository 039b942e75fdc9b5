const express = require('express');
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();
const app = express();

app.get('/api/audit', async (req, res) => {
  const actor = req.query.actor;
  const entries = await prisma.$queryRaw`SELECT id, action, created_at FROM audit_log WHERE actor = ${actor} ORDER BY created_at DESC LIMIT 100`;
  res.json(entries);
});

app.listen(3000);
