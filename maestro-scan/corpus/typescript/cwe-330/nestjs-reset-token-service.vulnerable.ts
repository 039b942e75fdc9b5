import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'crypto';
import { UsersRepository } from './users.repository';

@Injectable()
export class PasswordResetService {
  constructor(private readonly users: UsersRepository) {}

  async start(email: string): Promise<string | null> {
    const user = await this.users.findByEmail(email);
    if (!user) return null;
    const token = Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    await this.users.saveResetDigest(user.id, createHash('sha256').update(token).digest('hex'));
    return token;
  }
}
