import { Client, EqualityFilter } from 'npm:ldapts@7';

const client = new Client({ url: Deno.env.get('LDAP_URL') ?? 'ldap://localhost:389' });

Deno.serve(async (req: Request): Promise<Response> => {
  const uid = new URL(req.url).searchParams.get('uid') ?? '';
  const { searchEntries } = await client.search('ou=people,dc=example,dc=com', {
    filter: new EqualityFilter({ attribute: 'uid', value: uid }),
    attributes: ['cn', 'mail'],
  });
  return Response.json(searchEntries);
});
