package listing

import (
	"net/http"

	"github.com/gorilla/sessions"
)

func savePageSize(sess *sessions.Session, raw string) {
	sess.Values["page_size"] = raw
}

func Preferences(store sessions.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess, _ := store.Get(r, "prefs")
		savePageSize(sess, r.URL.Query().Get("page_size"))
		sess.Save(r, w)
		w.WriteHeader(http.StatusNoContent)
	}
}
