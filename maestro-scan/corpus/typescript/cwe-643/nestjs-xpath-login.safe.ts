import { Body, Controller, Post, UnauthorizedException } from '@nestjs/common';
import { readFileSync } from 'fs';
import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';

const accounts = new DOMParser().parseFromString(readFileSync('accounts.xml', 'utf8'), 'text/xml');

@Controller('auth')
export class XmlAuthController {
  @Post('login')
  login(@Body() body: { user: string; pin: string }) {
    const nodes = xpath
      .parse('//account[@user=$user and @pin=$pin]')
      .select({ node: accounts as any, variables: { user: String(body.user), pin: String(body.pin) } });
    if (nodes.length !== 1) throw new UnauthorizedException();
    return { ok: true };
  }
}
