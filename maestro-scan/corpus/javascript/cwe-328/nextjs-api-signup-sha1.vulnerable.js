import crypto from 'crypto';
import { db } from '../../lib/db';

export default async function handler(req, res) {
  if (req.method !== 'POST') return res.status(405).end();
  const { username, password } = req.body;
  const salt = crypto.randomBytes(8).toString('hex');
  const hash = crypto.createHash('sha1').update(salt + password).digest('hex');
  await db.user.create({ data: { username, salt, passwordHash: hash } });
  res.status(201).json({ username });
}
