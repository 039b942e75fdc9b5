package auth

import (
	"net/http"

	"github.com/gorilla/sessions"
)

type Authenticator interface {
	Check(username, password string) (userID int, ok bool)
}

func Login(store sessions.Store, authn Authenticator) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		session, _ := store.Get(r, "app")
		username := r.FormValue("username")
		session.Values["username"] = username
		userID, ok := authn.Check(username, r.FormValue("password"))
		if !ok {
			session.Save(r, w)
			http.Error(w, "invalid credentials", http.StatusUnauthorized)
			return
		}
		session.Values["user_id"] = userID
		session.Save(r, w)
		http.Redirect(w, r, "/", http.StatusFound)
	}
}
