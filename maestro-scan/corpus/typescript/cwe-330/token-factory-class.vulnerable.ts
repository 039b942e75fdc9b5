import { randomBytes } from 'crypto';

type Rng = () => number;

export class TokenFactory {
  private readonly rng: Rng = Math.random;

  refreshToken(): string {
    const parts: string[] = [];
    for (let i = 0; i < 4; i++) {
      parts.push(Math.floor(this.rng() * 0xffffffff).toString(16).padStart(8, '0'));
    }
    return parts.join('');
  }
}

export const fallbackToken = (): string => randomBytes(16).toString('hex');
