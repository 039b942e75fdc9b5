package web

import (
	"bytes"
	"encoding/base64"
	"encoding/gob"
	"net/http"
)

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
	raw, err := base64.URLEncoding.DecodeString(c.Value)
	if err != nil {
		return nil, err
	}
	var s Session
	err = gob.NewDecoder(bytes.NewReader(raw)).Decode(&s)
	return &s, err
}
