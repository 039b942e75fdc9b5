const express = require('express');
const _ = require('lodash');

class InvitationPage {
  constructor(inviter, eventName) {
    this.inviter = inviter;
    this.eventName = eventName;
  }

  render() {
    return `<html><head><title>${this.eventName}</title></head>
<body><p>${this.inviter} invited you to ${this.eventName}.</p></body></html>`;
  }
}

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/invitations/preview', (req, res) => {
  const page = new InvitationPage(req.body.inviter, req.body.eventName);
  res.type('html').send(page.render());
});

app.listen(3000);
