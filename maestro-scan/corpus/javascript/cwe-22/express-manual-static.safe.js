const express = require('express');
const path = require('path');

const app = express();
const PUBLIC_DIR = path.join(__dirname, 'public');

// Previously: fs.createReadStream(path.join(PUBLIC_DIR, decodeURIComponent(req.path)))
// serve-static rejects ".." segments for us.
app.use(express.static(PUBLIC_DIR, { dotfiles: 'ignore' }));

app.listen(3000);
