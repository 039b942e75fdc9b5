import yaml from 'js-yaml';

export default function handler(req, res) {
  if (req.method !== 'POST') return res.status(405).end();
  const manifest = yaml.load(req.body.manifest, { schema: yaml.JSON_SCHEMA });
  const containers = (manifest.spec && manifest.spec.containers) || [];
  res.status(200).json({
    kind: manifest.kind,
    images: containers.map((c) => c.image),
  });
}
