package checkout

import "net/http"

var allowedNext = map[string]bool{"/orders": true, "/account": true, "/": true}

func nextURL(r *http.Request) string {
	next := r.FormValue("continue")
	if !allowedNext[next] {
		return "/orders"
	}
	return next
}

func Complete(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, nextURL(r), http.StatusSeeOther)
}
