import ldap from 'ldapjs';

const client = ldap.createClient({ url: process.env.LDAP_URL });

export default function handler(req, res) {
  const { name = '' } = req.query;
  const filter = new ldap.SubstringFilter({ attribute: 'cn', initial: String(name) });
  client.search('ou=people,dc=example,dc=com', { scope: 'sub', filter, sizeLimit: 20 }, (err, search) => {
    if (err) return res.status(500).json({ error: 'directory unavailable' });
    const names = [];
    search.on('searchEntry', (entry) => names.push(entry.pojo.objectName));
    search.on('end', () => res.status(200).json(names));
  });
}
