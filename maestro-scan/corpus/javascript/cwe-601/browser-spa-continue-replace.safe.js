import { getSession } from './session.js';

async function bootstrap() {
  const session = await getSession();
  const params = new URLSearchParams(window.location.search);
  const requested = params.get('continue');
  const destination = requested && new URL(requested, window.location.href).origin === window.location.origin
    ? requested
    : null;
  if (session && destination) {
    window.location.replace(destination);
  }
}

bootstrap();
