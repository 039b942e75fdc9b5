package ad

import (
	"net/http"

	"github.com/go-ldap/ldap/v3"
)

func userFilter(name string) string {
	return "(&(objectCategory=person)(sAMAccountName=" + ldap.EscapeFilter(name) + "))"
}

func Exists(conn *ldap.Conn) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Query().Get("user")
		req := ldap.NewSearchRequest("dc=corp,dc=local", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases,
			1, 3, false, userFilter(name), []string{"dn"}, nil)
		res, err := conn.Search(req)
		if err != nil || len(res.Entries) == 0 {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}
