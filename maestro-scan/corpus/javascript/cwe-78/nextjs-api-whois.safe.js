import { exec } from 'child_process';

export default function handler(req, res) {
  const domain = String(req.query.domain || '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain)) {
    res.status(400).json({ error: 'invalid domain' });
    return;
  }
  exec(`whois ${domain}`, (err, stdout) => {
    if (err) {
      res.status(500).json({ error: 'whois failed' });
      return;
    }
    res.status(200).json({ domain, raw: stdout });
  });
}
