const express = require('express');
const path = require('path');

const app = express();
const LOGO_DIR = '/srv/tenants';

app.get('/branding/logo.png', (req, res) => {
  const tenant = req.get('X-Tenant') || 'default';
  const logoPath = path.join(LOGO_DIR, tenant, 'logo.png');
  res.sendFile(logoPath, (err) => {
    if (err) res.sendFile(path.join(LOGO_DIR, 'default', 'logo.png'));
  });
});

app.listen(3000);
