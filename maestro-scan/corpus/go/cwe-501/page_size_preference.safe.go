package listing

import (
	"net/http"
	"strconv"

	"github.com/gorilla/sessions"
)

func savePageSize(sess *sessions.Session, raw string) {
	n, err := strconv.Atoi(raw)
	if err != nil || n < 10 || n > 100 {
		n = 25
	}
	sess.Values["page_size"] = n
}

func Preferences(store sessions.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess, _ := store.Get(r, "prefs")
		savePageSize(sess, r.URL.Query().Get("page_size"))
		sess.Save(r, w)
		w.WriteHeader(http.StatusNoContent)
	}
}
