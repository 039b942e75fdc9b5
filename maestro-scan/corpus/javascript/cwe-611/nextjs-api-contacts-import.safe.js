import { DOMParser } from '@xmldom/xmldom';

export const config = { api: { bodyParser: { sizeLimit: '512kb' } } };

export default function handler(req, res) {
  if (req.method !== 'POST') return res.status(405).end();
  const doc = new DOMParser().parseFromString(String(req.body), 'text/xml');
  const contacts = Array.from(doc.getElementsByTagName('contact')).map((c) => ({
    name: c.getElementsByTagName('name')[0]?.textContent,
    email: c.getElementsByTagName('email')[0]?.textContent,
  }));
  res.status(200).json({ imported: contacts.length, contacts });
}
