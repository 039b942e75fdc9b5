package playground

import (
	"fmt"
	"net/http"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

const devMode = false

func RunSnippet(w http.ResponseWriter, r *http.Request) {
	snippet := r.FormValue("snippet")
	if devMode {
		i := interp.New(interp.Options{})
		i.Use(stdlib.Symbols)
		v, err := i.Eval(snippet)
		if err != nil {
			fmt.Fprintf(w, "error: %v\n", err)
			return
		}
		fmt.Fprintf(w, "%v\n", v)
		return
	}
	http.Error(w, "playground disabled", http.StatusForbidden)
}
