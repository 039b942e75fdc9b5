package contacts

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"

	"github.com/go-ldap/ldap/v3"
)

var emailPattern = regexp.MustCompile(`^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$`)

type lookupRequest struct {
	Email string `json:"email"`
}

func FindByMail(conn *ldap.Conn) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req lookupRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if !emailPattern.MatchString(req.Email) {
			http.Error(w, "invalid email", http.StatusBadRequest)
			return
		}
		filter := fmt.Sprintf("(mail=%s)", req.Email)
		sr := ldap.NewSearchRequest("dc=example,dc=org", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases,
			1, 5, false, filter, []string{"displayName"}, nil)
		res, err := conn.Search(sr)
		if err != nil || len(res.Entries) == 0 {
			http.NotFound(w, r)
			return
		}
		json.NewEncoder(w).Encode(res.Entries[0].GetAttributeValue("displayName"))
	}
}
