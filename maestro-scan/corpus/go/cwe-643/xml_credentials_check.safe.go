package legacyauth

import (
	"crypto/subtle"
	"net/http"

	"github.com/antchfx/xmlquery"
)

type Store struct {
	Doc *xmlquery.Node
}

func (s *Store) Login(w http.ResponseWriter, r *http.Request) {
	user := r.FormValue("username")
	pass := r.FormValue("password")
	matched := false
	for _, acct := range xmlquery.Find(s.Doc, "//account") {
		name := xmlquery.FindOne(acct, "name")
		secret := xmlquery.FindOne(acct, "secret")
		if name != nil && secret != nil && name.InnerText() == user &&
			subtle.ConstantTimeCompare([]byte(secret.InnerText()), []byte(pass)) == 1 {
			matched = true
		}
	}
	if !matched {
		http.Error(w, "invalid login", http.StatusUnauthorized)
		return
	}
	w.Write([]byte("ok"))
}
