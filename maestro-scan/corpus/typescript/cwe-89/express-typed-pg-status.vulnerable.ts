import express, { Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();

type TicketQuery = { status?: string };

app.get('/tickets', async (req: Request<{}, unknown, unknown, TicketQuery>, res: Response) => {
  const status = req.query.status ?? 'open';
  const { rows } = await pool.query(
    `SELECT id, subject FROM tickets WHERE status = '${status}' ORDER BY id DESC`,
  );
  res.json(rows);
});

app.listen(3000);
