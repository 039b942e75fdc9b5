package music

import (
	crand "crypto/rand"
	"encoding/base64"
	"encoding/json"
	"math/rand"
	"net/http"
)

type Playlist struct {
	Tracks    []string `json:"tracks"`
	ShareCode string   `json:"share_code"`
}

func Shuffle(w http.ResponseWriter, r *http.Request) {
	p := Playlist{Tracks: []string{"intro", "verse", "chorus", "bridge", "outro"}}
	rand.Shuffle(len(p.Tracks), func(i, j int) { p.Tracks[i], p.Tracks[j] = p.Tracks[j], p.Tracks[i] })
	code := make([]byte, 12)
	crand.Read(code)
	p.ShareCode = base64.RawURLEncoding.EncodeToString(code)
	json.NewEncoder(w).Encode(p)
}
