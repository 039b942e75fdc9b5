import { Controller, Get, Query } from '@nestjs/common';
import { Client, EqualityFilter } from 'ldapts';

@Controller('directory')
export class DirectoryController {
  private readonly client = new Client({ url: process.env.LDAP_URL ?? 'ldap://localhost' });

  @Get('people')
  async find(@Query('mail') mail: string) {
    const { searchEntries } = await this.client.search('ou=people,dc=example,dc=com', {
      scope: 'sub',
      filter: new EqualityFilter({ attribute: 'mail', value: mail }),
      attributes: ['cn', 'title'],
    });
    return searchEntries;
  }
}
