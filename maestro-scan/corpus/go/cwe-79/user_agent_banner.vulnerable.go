package diag

import (
	"io"
	"net/http"
)

func Browser(w http.ResponseWriter, r *http.Request) {
	ua := r.Header.Get("User-Agent")
	w.Header().Set("Content-Type", "text/html")
	io.WriteString(w, "<div class=\"banner\">Your browser: "+ua+"</div>")
}
