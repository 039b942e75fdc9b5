package login

import (
	"net/http"

	"github.com/go-ldap/ldap/v3"
)

func Authenticate(w http.ResponseWriter, r *http.Request) {
	user := r.PostFormValue("user")
	pass := r.PostFormValue("password")
	conn, err := ldap.DialURL("ldaps://ldap.example.com")
	if err != nil {
		http.Error(w, "directory unavailable", http.StatusServiceUnavailable)
		return
	}
	defer conn.Close()
	dn := "uid=" + ldap.EscapeDN(user) + ",ou=people,dc=example,dc=com"
	if err := conn.Bind(dn, pass); err != nil {
		http.Error(w, "invalid credentials", http.StatusUnauthorized)
		return
	}
	w.Write([]byte("welcome"))
}
