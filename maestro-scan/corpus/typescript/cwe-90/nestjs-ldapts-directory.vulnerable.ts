import { Controller, Get, Query } from '@nestjs/common';
import { Client } from 'ldapts';

@Controller('directory')
export class DirectoryController {
  private readonly client = new Client({ url: process.env.LDAP_URL ?? 'ldap://localhost' });

  @Get('people')
  async find(@Query('mail') mail: string) {
    const { searchEntries } = await this.client.search('ou=people,dc=example,dc=com', {
      scope: 'sub',
      filter: `(mail=${mail})`,
      attributes: ['cn', 'title'],
    });
    return searchEntries;
  }
}
