import { exec } from 'child_process';

export default function handler(req, res) {
  const domain = String(req.query.domain || '');
  exec(`whois ${domain}`, (err, stdout) => {
    if (err) {
      res.status(500).json({ error: 'whois failed' });
      return;
    }
    res.status(200).json({ domain, raw: stdout });
  });
}
