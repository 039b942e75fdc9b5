package music

import (
	"encoding/json"
	"math/rand"
	"net/http"
	"strconv"
)

type Playlist struct {
	Tracks    []string `json:"tracks"`
	ShareCode string   `json:"share_code"`
}

func Shuffle(w http.ResponseWriter, r *http.Request) {
	p := Playlist{Tracks: []string{"intro", "verse", "chorus", "bridge", "outro"}}
	rand.Shuffle(len(p.Tracks), func(i, j int) { p.Tracks[i], p.Tracks[j] = p.Tracks[j], p.Tracks[i] })
	p.ShareCode = strconv.FormatInt(rand.Int63(), 36)
	json.NewEncoder(w).Encode(p)
}
