import { Body, Controller, Post, Session, UnauthorizedException } from '@nestjs/common';
import { AuthService } from './auth.service';

@Controller('auth')
export class SessionAuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  async login(@Body() body: { email: string; password: string; role?: string }, @Session() session: Record<string, unknown>) {
    const user = await this.auth.validate(body.email, body.password);
    if (!user) throw new UnauthorizedException();
    session.userId = user.id;
    session.role = body.role ?? user.role;
    return { ok: true };
  }
}
