const express = require('express');
const { execSync } = require('child_process');

const app = express();
app.use(express.urlencoded({ extended: false }));

function clipCommand(videoId, start, seconds) {
  return `ffmpeg -y -ss ${start} -t ${seconds} -i /media/${videoId}.mp4 /media/clips/${videoId}.mp4`;
}

app.post('/videos/:videoId/clip', (req, res) => {
  const start = req.body.start;
  const seconds = 15;
  execSync(clipCommand(Number.parseInt(req.params.videoId, 10), start, seconds));
  res.json({ clip: `/clips/${req.params.videoId}.mp4` });
});

app.listen(3000);
