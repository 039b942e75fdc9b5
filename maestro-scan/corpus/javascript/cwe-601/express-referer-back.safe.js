const express = require('express');
const { saveComment } = require('./comments');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/comments', async (req, res) => {
  await saveComment(req.body);
  const back = `/posts/${encodeURIComponent(req.body.postId)}#comments`;
  res.redirect(back);
});

app.listen(3000);
