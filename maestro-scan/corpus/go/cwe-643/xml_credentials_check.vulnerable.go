package legacyauth

import (
	"fmt"
	"net/http"

	"github.com/antchfx/xmlquery"
)

type Store struct {
	Doc *xmlquery.Node
}

func (s *Store) Login(w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("username")
	pass := r.FormValue("password")
	expr := fmt.Sprintf("//account[name/text()='%s' and secret/text()='%s']", user, pass)
	if xmlquery.FindOne(s.Doc, expr) == nil {
		http.Error(w, "invalid login", http.StatusUnauthorized)
		return
	}
	w.Write([]byte("ok"))
}
