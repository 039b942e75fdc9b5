const express = require('express');

class DraftStore {
  constructor() {
    this.drafts = new Map();
  }

  restore(token) {
    const draft = JSON.parse(Buffer.from(token, 'base64url').toString());
    this.drafts.set(draft.id, draft);
    return draft;
  }
}

const store = new DraftStore();
const app = express();

app.get('/drafts/resume', (req, res) => {
  const draft = store.restore(String(req.query.token));
  res.json({ id: draft.id, title: draft.title });
});

app.listen(3000);
