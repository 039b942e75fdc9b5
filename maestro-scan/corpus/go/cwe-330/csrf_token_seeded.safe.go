package forms

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
)

func CSRFToken(w http.ResponseWriter, r *http.Request) {
	buf := make([]byte, 20)
	if _, err := rand.Read(buf); err != nil {
		http.Error(w, "entropy unavailable", http.StatusInternalServerError)
		return
	}
	token := base64.RawURLEncoding.EncodeToString(buf)
	http.SetCookie(w, &http.Cookie{Name: "csrf", Value: token, Path: "/", Secure: true, HttpOnly: true})
	w.Write([]byte(token))
}
