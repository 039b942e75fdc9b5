const ALLOWED_REDIRECTS = [
  'https://app.example.com/welcome',
  'https://admin.example.com/home',
];

export default async function handler(req, res) {
  const { code, redirect_uri: redirectUri } = req.query;
  if (!code) {
    return res.status(400).json({ error: 'missing code' });
  }
  res.setHeader('Set-Cookie', `sso_code=${encodeURIComponent(code)}; Path=/; HttpOnly; Secure`);
  res.redirect(307, ALLOWED_REDIRECTS.includes(redirectUri) ? redirectUri : ALLOWED_REDIRECTS[0]);
}
