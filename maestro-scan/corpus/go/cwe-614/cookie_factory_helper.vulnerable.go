package web

import "net/http"

func newAuthCookie(name, value string) *http.Cookie {
	return &http.Cookie{
		Name:   name,
		Value:  value,
		Path:   "/",
		MaxAge: 86400,
	}
}

func Callback(w http.ResponseWriter, r *http.Request) {
	sid := r.Context().Value("sid").(string)
	http.SetCookie(w, newAuthCookie("sid", sid))
	http.Redirect(w, r, "/home", http.StatusFound)
}
