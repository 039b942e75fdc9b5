import crypto from 'crypto';
import { db } from '../../lib/db';

export default async function handler(req, res) {
  if (req.method !== 'POST') return res.status(405).end();
  const { username, password } = req.body;
  const salt = crypto.randomBytes(8).toString('hex');
  const hash = crypto.pbkdf2Sync(password, salt, 600000, 32, 'sha256').toString('hex');
  await db.user.create({ data: { username, salt, passwordHash: hash } });
  res.status(201).json({ username });
}
