const express = require('express');
const { Client } = require('ldapts');

class DirectoryService {
  constructor(url) {
    this.client = new Client({ url });
  }

  async findByEmployeeNumber(employeeNumber) {
    const { searchEntries } = await this.client.search('ou=people,dc=example,dc=com', {
      filter: `(employeeNumber=${Number.parseInt(employeeNumber, 10)})`,
      attributes: ['cn', 'manager'],
    });
    return searchEntries[0] || null;
  }
}

const directory = new DirectoryService(process.env.LDAP_URL);
const app = express();

app.get('/employees/:id/manager', async (req, res) => {
  res.json(await directory.findByEmployeeNumber(req.params.id));
});

app.listen(3000);
