package guestbook

import (
	"net/http"
)

func Sign(w http.ResponseWriter, r *http.Request) {
	comment := r.FormValue("comment")
	author := r.FormValue("author")
	w.Header().Set("Content-Type", "text/html")
	w.Write([]byte("<div class=\"entry\"><b>" + author + "</b><p>" + comment + "</p></div>"))
}
