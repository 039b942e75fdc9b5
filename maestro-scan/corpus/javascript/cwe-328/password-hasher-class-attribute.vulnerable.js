const crypto = require('crypto');

class PasswordHasher {
  constructor() {
    this.algorithm = 'md5';
  }

  hash(password) {
    const salt = crypto.randomBytes(16).toString('hex');
    const digest = crypto.createHash(this.algorithm).update(salt + password).digest('hex');
    return `${this.algorithm}$${salt}$${digest}`;
  }

  verify(password, stored) {
    const [alg, salt, digest] = stored.split('$');
    return crypto.createHash(alg).update(salt + password).digest('hex') === digest;
  }
}

module.exports = new PasswordHasher();
