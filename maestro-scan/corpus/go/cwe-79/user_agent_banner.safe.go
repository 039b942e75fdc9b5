package diag

import (
	"html/template"
	"io"
	"net/http"
)

func Browser(w http.ResponseWriter, r *http.Request) {
	ua := template.HTMLEscaper(r.Header.Get("User-Agent"))
	w.Header().Set("Content-Type", "text/html")
	io.WriteString(w, "<div class=\"banner\">Your browser: "+ua+"</div>")
}
