package billing

import (
	"net/http"

	"github.com/gorilla/sessions"
)

const trustPlanCookie = false

func Sync(store sessions.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sess, _ := store.Get(r, "billing")
		if c, err := r.Cookie("plan"); err == nil && trustPlanCookie {
			sess.Values["plan"] = c.Value
		} else {
			sess.Values["plan"] = "free"
		}
		sess.Save(r, w)
		w.WriteHeader(http.StatusNoContent)
	}
}
