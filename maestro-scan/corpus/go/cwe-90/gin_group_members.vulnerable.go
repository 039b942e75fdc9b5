package groups

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-ldap/ldap/v3"
)

func Members(conn *ldap.Conn) gin.HandlerFunc {
	return func(c *gin.Context) {
		group := c.Query("group")
		filter := "(&(objectClass=groupOfNames)(cn=" + group + "))"
		req := ldap.NewSearchRequest("ou=groups,dc=corp,dc=example", ldap.ScopeSingleLevel,
			ldap.NeverDerefAliases, 0, 0, false, filter, []string{"member"}, nil)
		res, err := conn.Search(req)
		if err != nil {
			c.JSON(http.StatusBadGateway, gin.H{"error": "directory unavailable"})
			return
		}
		var members []string
		for _, e := range res.Entries {
			members = append(members, e.GetAttributeValues("member")...)
		}
		c.JSON(http.StatusOK, members)
	}
}
