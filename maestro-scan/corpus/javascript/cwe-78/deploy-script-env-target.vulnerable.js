const { execSync } = require('child_process');

const KNOWN_TARGETS = ['deploy@staging.internal:/var/www', 'deploy@prod.internal:/var/www'];

function deploy() {
  const target = process.env.DEPLOY_TARGET;
  console.log(`syncing dist/ to ${target}`);
  execSync(`rsync -az --delete dist/ ${target}`, { stdio: 'inherit' });
}

deploy();
