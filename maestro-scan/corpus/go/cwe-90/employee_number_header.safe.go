package hr

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-ldap/ldap/v3"
)

func Manager(conn *ldap.Conn) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		empID, err := strconv.Atoi(r.Header.Get("X-Employee-ID"))
		if err != nil {
			http.Error(w, "bad employee id", http.StatusBadRequest)
			return
		}
		filter := fmt.Sprintf("(employeeNumber=%d)", empID)
		req := ldap.NewSearchRequest("ou=staff,dc=acme,dc=io", ldap.ScopeWholeSubtree,
			ldap.NeverDerefAliases, 1, 5, false, filter, []string{"manager"}, nil)
		res, err := conn.Search(req)
		if err != nil || len(res.Entries) != 1 {
			http.Error(w, "employee not found", http.StatusNotFound)
			return
		}
		fmt.Fprintln(w, res.Entries[0].GetAttributeValue("manager"))
	}
}
