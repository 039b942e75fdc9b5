import { Body, Controller, Post, Res } from '@nestjs/common';
import { Response } from 'express';
import { AuthService } from './auth.service';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  async login(@Body() body: { email: string; password: string }, @Res({ passthrough: true }) res: Response) {
    const { accessToken } = await this.auth.login(body.email, body.password);
    res.cookie('access_token', accessToken, { maxAge: 15 * 60 * 1000 });
    return { ok: true };
  }
}
