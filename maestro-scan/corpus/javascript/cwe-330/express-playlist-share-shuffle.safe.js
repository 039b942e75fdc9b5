const express = require('express');
const crypto = require('crypto');
const { getPlaylist, saveShareToken } = require('./playlists');

const app = express();

function shuffled(tracks) {
  const copy = tracks.slice();
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

app.post('/playlists/:id/share', async (req, res) => {
  const playlist = await getPlaylist(req.params.id);
  const shareToken = crypto.randomBytes(12).toString('base64url');
  await saveShareToken(playlist.id, shareToken);
  res.json({ url: `https://music.example.com/s/${shareToken}`, preview: shuffled(playlist.tracks).slice(0, 5) });
});

app.listen(3000);
