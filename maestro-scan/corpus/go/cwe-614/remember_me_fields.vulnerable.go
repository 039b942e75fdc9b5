package remember

import (
	"net/http"
)

func SetRememberMe(w http.ResponseWriter, token string) {
	c := http.Cookie{Name: "remember_me", Value: token, Path: "/", MaxAge: 30 * 24 * 3600}
	c.HttpOnly = false
	c.Secure = false
	http.SetCookie(w, &c)
}
