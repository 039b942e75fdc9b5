import { Controller, Get, Header, Query } from '@nestjs/common';

@Controller('search')
export class SearchController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(@Query('q') q = ''): string {
    return `<!doctype html>
<html><body>
  <h1>Results for ${q}</h1>
  <div id="results"></div>
</body></html>`;
  }
}
