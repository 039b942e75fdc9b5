package web

import (
	"net/http"
	"os"

	"github.com/gorilla/securecookie"
)

var cookieCodec = securecookie.New([]byte(os.Getenv("COOKIE_HASH_KEY")), []byte(os.Getenv("COOKIE_BLOCK_KEY")))

type Session struct {
	UserID int
	Roles  []string
	Extra  map[string]interface{}
}

func loadSession(r *http.Request) (*Session, error) {
	c, err := r.Cookie("sess")
	if err != nil {
		return nil, err
	}
	var s Session
	err = cookieCodec.Decode("sess", c.Value, &s)
	return &s, err
}
