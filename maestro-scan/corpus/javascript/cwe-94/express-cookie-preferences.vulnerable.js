const express = require('express');
const cookieParser = require('cookie-parser');

const app = express();
app.use(cookieParser());

app.get('/feed', (req, res) => {
  let prefs = { pageSize: 20, showImages: true };
  if (req.cookies.prefs) {
    prefs = eval('(' + req.cookies.prefs + ')');
  }
  res.json({ pageSize: prefs.pageSize, showImages: prefs.showImages, items: [] });
});

app.listen(3000);
