import { createHash, randomBytes, timingSafeEqual } from 'crypto';

export class PasswordHasher {
  private readonly algorithm: string = 'sha512';

  hash(password: string): string {
    const salt = randomBytes(16).toString('hex');
    return `${salt}$${this.digest(salt, password)}`;
  }

  verify(password: string, stored: string): boolean {
    const [salt, digest] = stored.split('$');
    return timingSafeEqual(Buffer.from(this.digest(salt, password)), Buffer.from(digest));
  }

  private digest(salt: string, password: string): string {
    return createHash(this.algorithm).update(salt + password).digest('hex');
  }
}
