const fs = require('fs');
const mysql = require('mysql2/promise');

async function importContacts(csvPath) {
  const lines = fs.readFileSync(csvPath, 'utf8').split('\n').filter(Boolean);
  const conn = await mysql.createConnection(process.env.MYSQL_URL);
  for (const line of lines.slice(1)) {
    const [name, email, phone] = line.split(',');
    await conn.query(
      "INSERT INTO contacts (name, email, phone) VALUES ('" + name + "', '" + email + "', '" + phone + "')"
    );
  }
  await conn.end();
  return lines.length - 1;
}

importContacts(process.argv[2]).then((n) => console.log(`imported ${n} contacts`));
