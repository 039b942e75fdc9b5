import { Controller, Get, Injectable, Param, ParseIntPipe } from '@nestjs/common';
import { Client } from 'ldapts';

@Injectable()
export class EmployeeDirectory {
  private readonly client = new Client({ url: process.env.LDAP_URL ?? 'ldap://localhost' });

  async byNumber(employeeNumber: string | number) {
    const { searchEntries } = await this.client.search('ou=people,dc=example,dc=com', {
      filter: `(employeeNumber=${employeeNumber})`,
    });
    return searchEntries[0] ?? null;
  }
}

@Controller('employees')
export class EmployeesController {
  constructor(private readonly directory: EmployeeDirectory) {}

  @Get(':number')
  get(@Param('number', ParseIntPipe) number: number) {
    return this.directory.byNumber(number);
  }
}
