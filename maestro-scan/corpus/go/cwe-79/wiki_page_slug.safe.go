package wiki

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"
)

func Missing(w http.ResponseWriter, r *http.Request) {
	page, err := strconv.Atoi(mux.Vars(r)["page"])
	if err != nil {
		http.Error(w, "bad page number", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprintf(w, "<h1>Page %d does not exist</h1><a href=\"/wiki/new\">Create it</a>", page)
}
