const express = require('express');
const cookieParser = require('cookie-parser');
const { spawn } = require('child_process');

const app = express();
app.use(cookieParser());

app.post('/documents/:docId/print', (req, res) => {
  const printer = req.cookies.preferredPrinter || 'office-1';
  const file = `/srv/docs/${Number(req.params.docId)}.pdf`;
  const lp = spawn('lp', ['-d', printer, file]);
  lp.on('close', (code) => {
    res.status(code === 0 ? 202 : 500).json({ queued: code === 0, printer });
  });
});

app.listen(3000);
