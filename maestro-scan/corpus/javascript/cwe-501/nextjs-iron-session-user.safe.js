import { getIronSession } from 'iron-session';
import { findUser } from '../../lib/users';

const sessionOptions = { password: process.env.SESSION_PASSWORD, cookieName: 'app_session' };

export default async function handler(req, res) {
  const session = await getIronSession(req, res, sessionOptions);
  const user = await findUser(req.body.email, req.body.password);
  if (!user) return res.status(401).json({ error: 'invalid login' });
  session.user = { id: user.id, email: user.email, isAdmin: user.isAdmin === true };
  await session.save();
  res.status(200).json({ ok: true });
}
