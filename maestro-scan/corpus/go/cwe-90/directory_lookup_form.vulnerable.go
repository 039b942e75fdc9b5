package directory

import (
	"fmt"
	"net/http"

	"github.com/go-ldap/ldap/v3"
)

type Directory struct {
	Conn   *ldap.Conn
	BaseDN string
}

func (d *Directory) Lookup(w http.ResponseWriter, r *http.Request) {
	username := r.FormValue("username")
	req := ldap.NewSearchRequest(d.BaseDN, ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 1, 10, false,
		fmt.Sprintf("(&(objectClass=person)(uid=%s))", username),
		[]string{"cn", "mail"}, nil)
	res, err := d.Conn.Search(req)
	if err != nil || len(res.Entries) == 0 {
		http.NotFound(w, r)
		return
	}
	fmt.Fprintf(w, "%s <%s>\n", res.Entries[0].GetAttributeValue("cn"), res.Entries[0].GetAttributeValue("mail"))
}
