package guestbook

import (
	"html/template"
	"net/http"
)

func Sign(w http.ResponseWriter, r *http.Request) {
	comment := template.HTMLEscapeString(r.FormValue("comment"))
	author := template.HTMLEscapeString(r.FormValue("author"))
	w.Header().Set("Content-Type", "text/html")
	w.Write([]byte("<div class=\"entry\"><b>" + author + "</b><p>" + comment + "</p></div>"))
}
