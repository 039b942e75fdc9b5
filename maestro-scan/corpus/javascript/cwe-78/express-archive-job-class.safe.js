const express = require('express');
const { execFile } = require('child_process');

class ArchiveJob {
  constructor(name) {
    this.name = name;
  }

  run(callback) {
    execFile('zip', ['-r', `/srv/archives/${this.name}.zip`, '/srv/uploads'], callback);
  }
}

const app = express();
app.use(express.json());

app.post('/archives', (req, res) => {
  const job = new ArchiveJob(req.body.archiveName);
  job.run((err) => res.status(err ? 500 : 202).end());
});

app.listen(3000);
