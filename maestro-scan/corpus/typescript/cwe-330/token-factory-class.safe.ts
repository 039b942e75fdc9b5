import { randomBytes } from 'crypto';

type Rng = () => number;

export class TokenFactory {
  private readonly rng: Rng = Math.random;

  refreshToken(): string {
    return randomBytes(16).toString('hex');
  }
}

export const fallbackToken = (): string => randomBytes(16).toString('hex');
