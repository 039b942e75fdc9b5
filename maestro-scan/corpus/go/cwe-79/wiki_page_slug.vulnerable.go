package wiki

import (
	"fmt"
	"net/http"

	"github.com/gorilla/mux"
)

func Missing(w http.ResponseWriter, r *http.Request) {
	page := mux.Vars(r)["page"]
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprintf(w, "<h1>Page %s does not exist</h1><a href=\"/wiki/new\">Create it</a>", page)
}
