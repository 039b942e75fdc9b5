package orgchart

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/go-ldap/ldap/v3"
)

var departments = []string{"engineering", "finance", "sales", "support"}

func Team(conn *ldap.Conn) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		dept := "engineering"
		if c, err := r.Cookie("dept"); err == nil {
			dept = c.Value
		}
		parts := []string{"(objectClass=inetOrgPerson)", "(departmentNumber=" + dept + ")"}
		filter := "(&" + strings.Join(parts, "") + ")"
		res, err := conn.Search(ldap.NewSearchRequest("ou=people,dc=example,dc=com", ldap.ScopeSingleLevel,
			ldap.NeverDerefAliases, 0, 0, false, filter, []string{"cn"}, nil))
		if err != nil {
			http.Error(w, "search failed", http.StatusBadGateway)
			return
		}
		names := []string{}
		for _, e := range res.Entries {
			names = append(names, e.GetAttributeValue("cn"))
		}
		json.NewEncoder(w).Encode(names)
	}
}
