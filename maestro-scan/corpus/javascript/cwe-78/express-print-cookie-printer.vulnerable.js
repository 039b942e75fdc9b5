const express = require('express');
const cookieParser = require('cookie-parser');
const { exec } = require('child_process');

const app = express();
app.use(cookieParser());

app.post('/documents/:docId/print', (req, res) => {
  const printer = req.cookies.preferredPrinter || 'office-1';
  const file = `/srv/docs/${Number(req.params.docId)}.pdf`;
  exec(`lp -d ${printer} ${file}`, (err) => {
    res.status(err ? 500 : 202).json({ queued: !err, printer });
  });
});

app.listen(3000);
