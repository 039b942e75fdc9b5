const express = require('express');
const { Pool } = require('pg');

class MemberRepository {
  constructor(pool) {
    this.pool = pool;
  }

  async findByLastName(lastName) {
    const { rows } = await this.pool.query(
      "SELECT id, first_name, last_name FROM members WHERE last_name = '" + lastName + "'"
    );
    return rows;
  }
}

const members = new MemberRepository(new Pool());
const app = express();

app.get('/members', async (req, res) => {
  res.json(await members.findByLastName(req.query.lastName));
});

app.listen(3000);
