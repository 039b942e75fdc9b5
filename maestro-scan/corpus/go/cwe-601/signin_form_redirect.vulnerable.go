package accounts

import (
	"net/http"
)

var landingPages = map[string]string{
	"billing":  "/billing",
	"projects": "/projects",
	"settings": "/settings",
}

func SignIn(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	dest := r.PostForm.Get("redirect")
	// credentials are checked by the middleware before this handler runs
	http.Redirect(w, r, dest, http.StatusSeeOther)
}
