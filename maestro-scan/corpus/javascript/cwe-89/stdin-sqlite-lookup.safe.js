const readline = require('readline');
const sqlite3 = require('sqlite3').verbose();

const db = new sqlite3.Database('library.db');
const rl = readline.createInterface({ input: process.stdin, output: process.stdout });

rl.question('ISBN to look up: ', (isbn) => {
  db.get('SELECT title, author, shelf FROM books WHERE isbn = ?', [isbn.trim()], (err, row) => {
    if (err) {
      console.error('query failed:', err.message);
    } else if (!row) {
      console.log('no such book');
    } else {
      console.log(`${row.title} by ${row.author} (shelf ${row.shelf})`);
    }
    rl.close();
    db.close();
  });
});
