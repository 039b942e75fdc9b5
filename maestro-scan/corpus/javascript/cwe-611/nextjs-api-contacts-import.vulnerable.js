import libxmljs from 'libxmljs2';

export const config = { api: { bodyParser: { sizeLimit: '512kb' } } };

export default function handler(req, res) {
  if (req.method !== 'POST') return res.status(405).end();
  const doc = libxmljs.parseXml(String(req.body), { noent: true });
  const contacts = doc.find('//contact').map((c) => ({
    name: c.get('name')?.text(),
    email: c.get('email')?.text(),
  }));
  res.status(200).json({ imported: contacts.length, contacts });
}
