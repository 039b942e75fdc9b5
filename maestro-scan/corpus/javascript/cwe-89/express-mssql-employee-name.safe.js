const express = require('express');
const sql = require('mssql');

const app = express();
const poolPromise = sql.connect(process.env.MSSQL_CONNECTION);

app.get('/employees', async (req, res) => {
  const name = req.query.name;
  const pool = await poolPromise;
  const result = await pool
    .request()
    .input('name', sql.NVarChar, name + '%')
    .query('SELECT EmployeeId, FullName, Department FROM Employees WHERE FullName LIKE @name');
  res.json(result.recordset);
});

app.listen(5000);
