export default function handler(req, res) {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return res.status(405).end();
  }
  const { records, mapping } = req.body;
  const transform = new Function('record', mapping);
  const mapped = records.map((record) => transform(record));
  res.status(200).json({ count: mapped.length, preview: mapped.slice(0, 5) });
}
