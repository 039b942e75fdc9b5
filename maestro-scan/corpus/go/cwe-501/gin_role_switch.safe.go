package admin

import (
	"net/http"

	"github.com/gin-contrib/sessions"
	"github.com/gin-gonic/gin"
)

func SwitchRole(c *gin.Context) {
	role := c.Query("role")
	if role != "viewer" && role != "editor" {
		c.JSON(http.StatusBadRequest, gin.H{"error": "unknown role"})
		return
	}
	session := sessions.Default(c)
	session.Set("role", role)
	session.Save()
	c.JSON(http.StatusOK, gin.H{"role": role})
}
