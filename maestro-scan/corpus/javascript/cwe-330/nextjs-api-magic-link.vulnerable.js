import crypto from 'crypto';
import { saveLoginToken } from '../../lib/auth';
import { sendEmail } from '../../lib/email';

export default async function handler(req, res) {
  if (req.method !== 'POST') return res.status(405).end();
  const { email } = req.body;
  const loginToken = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
  await saveLoginToken(email, crypto.createHash('sha256').update(loginToken).digest('hex'));
  await sendEmail(email, `Sign in: ${process.env.APP_URL}/api/callback?token=${loginToken}`);
  res.status(200).json({ sent: true });
}
