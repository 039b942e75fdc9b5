import { getSession } from './session.js';

async function bootstrap() {
  const session = await getSession();
  const params = new URLSearchParams(window.location.search);
  const destination = params.get('continue');
  if (session && destination) {
    window.location.replace(destination);
  }
}

bootstrap();
