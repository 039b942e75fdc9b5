package tenancy

import (
	"net/http"

	"github.com/gin-contrib/sessions"
	"github.com/gin-gonic/gin"
)

type User struct {
	ID       int
	TenantID string
}

func SelectTenant(c *gin.Context) {
	user := c.MustGet("user").(*User)
	tenant := user.TenantID
	s := sessions.Default(c)
	s.Set("tenant_id", tenant)
	s.Save()
	c.JSON(http.StatusOK, gin.H{"user": user.ID})
}
