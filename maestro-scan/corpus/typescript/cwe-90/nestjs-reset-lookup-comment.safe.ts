import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { AndFilter, Client, EqualityFilter } from 'ldapts';

@Controller('password')
export class PasswordController {
  @Post('forgot')
  @HttpCode(202)
  async forgot(@Body('email') email: string) {
    const client = new Client({ url: process.env.LDAP_URL ?? 'ldap://localhost' });
    // the old '(mail=' + email + ')' string let callers inject filter syntax
    const filter = new AndFilter({
      filters: [
        new EqualityFilter({ attribute: 'objectClass', value: 'inetOrgPerson' }),
        new EqualityFilter({ attribute: 'mail', value: email }),
      ],
    });
    const { searchEntries } = await client.search('dc=example,dc=com', { filter, attributes: ['uid'] });
    await client.unbind();
    return { queued: searchEntries.length > 0 };
  }
}
