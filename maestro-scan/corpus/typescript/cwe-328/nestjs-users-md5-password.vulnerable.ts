import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { createHash } from 'crypto';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async register(email: string, password: string): Promise<User> {
    const passwordHash = createHash('md5').update(password).digest('hex');
    return this.users.save(this.users.create({ email, passwordHash }));
  }
}
