import { Controller, ForbiddenException, Headers, Post, Req } from '@nestjs/common';
import { Request } from 'express';

@Controller('tenants')
export class TenantController {
  @Post('activate')
  activate(@Headers('x-tenant-id') tenantId: string, @Req() req: Request) {
    const session = req.session as unknown as { tenantId?: string; tenantIds?: string[] };
    session.tenantId = tenantId;
    return { active: session.tenantId };
  }
}
