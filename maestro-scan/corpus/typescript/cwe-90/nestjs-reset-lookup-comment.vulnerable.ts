import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Client } from 'ldapts';

@Controller('password')
export class PasswordController {
  @Post('forgot')
  @HttpCode(202)
  async forgot(@Body('email') email: string) {
    const client = new Client({ url: process.env.LDAP_URL ?? 'ldap://localhost' });
    const filter = '(&(objectClass=inetOrgPerson)(mail=' + email + '))';
    const { searchEntries } = await client.search('dc=example,dc=com', { filter, attributes: ['uid'] });
    await client.unbind();
    return { queued: searchEntries.length > 0 };
  }
}
