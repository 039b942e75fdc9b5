import { Body, Controller, Post, Query, Res, UnauthorizedException } from '@nestjs/common';
import { Response } from 'express';
import { AuthService } from './auth.service';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  async login(@Body() body: { email: string; password: string }, @Query('next') next: string, @Res() res: Response) {
    const ok = await this.auth.check(body.email, body.password);
    if (!ok) throw new UnauthorizedException();
    return res.redirect(next || '/home');
  }
}
