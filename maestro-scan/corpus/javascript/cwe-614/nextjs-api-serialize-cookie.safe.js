import { serialize } from 'cookie';
import { createSessionToken } from '../../lib/session';

export default async function handler(req, res) {
  if (req.method !== 'POST') return res.status(405).end();
  const token = await createSessionToken(req.body.email, req.body.password);
  if (!token) return res.status(401).json({ error: 'invalid login' });
  res.setHeader('Set-Cookie', serialize('session', token, {
    path: '/',
    maxAge: 60 * 60 * 24 * 7,
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
  }));
  res.status(200).json({ ok: true });
}
