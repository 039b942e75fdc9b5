const express = require('express');
const xml2js = require('xml2js');

const app = express();
app.use(express.text({ type: ['application/xml', 'text/xml'] }));

app.propfind('/dav/*', async (req, res) => {
  const body = req.body && req.body.trim() ? req.body : '<propfind xmlns="DAV:"><allprop/></propfind>';
  const doc = await xml2js.parseStringPromise(body, { tagNameProcessors: [xml2js.processors.stripPrefix] });
  const prop = doc.propfind.prop ? doc.propfind.prop[0] : {};
  const wanted = Object.keys(prop);
  res.status(207).json({ path: req.params[0], wanted });
});

app.listen(3000);
