package tokens

import (
	"net/http"
)

type Pair struct {
	Access  string
	Refresh string
}

func WriteRefreshCookie(w http.ResponseWriter, p Pair) {
	http.SetCookie(w, &http.Cookie{
		Name:     "refresh_token",
		Value:    p.Refresh,
		Path:     "/auth/refresh",
		HttpOnly: true,
		Secure:   true,
		SameSite: http.SameSiteStrictMode,
	})
}
