import * as xpath from 'npm:xpath@0.0.34';
import { DOMParser } from 'npm:@xmldom/xmldom@0.8';

const doc = new DOMParser().parseFromString(await Deno.readTextFile('./recipes.xml'), 'text/xml');

Deno.serve((req: Request): Response => {
  const ingredient = new URL(req.url).searchParams.get('ingredient') ?? '';
  const names = xpath
    .parse('//recipe[ingredient=$ingredient]/@name')
    .select({ node: doc as any, variables: { ingredient } }) as Attr[];
  return Response.json(names.map((a) => a.value));
});
