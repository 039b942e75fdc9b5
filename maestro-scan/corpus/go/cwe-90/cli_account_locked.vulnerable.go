package main

import (
	"fmt"
	"log"
	"os"

	"github.com/go-ldap/ldap/v3"
)

func main() {
	account := os.Args[1]
	conn, err := ldap.DialURL("ldaps://ldap.internal:636")
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	conn.Bind(os.Getenv("LDAP_BIND_DN"), os.Getenv("LDAP_BIND_PW"))
	req := ldap.NewSearchRequest("dc=internal", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false,
		"(&(sAMAccountName="+account+")(lockoutTime>=1))", []string{"dn"}, nil)
	res, err := conn.Search(req)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s locked: %t\n", account, len(res.Entries) > 0)
}
