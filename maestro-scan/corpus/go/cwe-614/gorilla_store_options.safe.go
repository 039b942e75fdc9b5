package app

import (
	"os"

	"github.com/gorilla/sessions"
)

var Store = newStore()

func newStore() *sessions.CookieStore {
	s := sessions.NewCookieStore([]byte(os.Getenv("SESSION_KEY")))
	s.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   8 * 3600,
		HttpOnly: true,
		Secure:   true,
	}
	return s
}
