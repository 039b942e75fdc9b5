import { Controller, Get, Query, Redirect } from '@nestjs/common';

@Controller('go')
export class GoController {
  @Get()
  @Redirect('/', 302)
  go(@Query('url') url?: string) {
    if (url) {
      return { url };
    }
  }
}
