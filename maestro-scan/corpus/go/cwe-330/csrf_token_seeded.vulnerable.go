package forms

import (
	"math/rand"
	"net/http"
	"strconv"
	"time"
)

func CSRFToken(w http.ResponseWriter, r *http.Request) {
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	token := strconv.FormatInt(rng.Int63(), 36) + strconv.FormatInt(rng.Int63(), 36)
	http.SetCookie(w, &http.Cookie{Name: "csrf", Value: token, Path: "/", Secure: true, HttpOnly: true})
	w.Write([]byte(token))
}
