package admin

import (
	"net/http"

	"github.com/gin-contrib/sessions"
	"github.com/gin-gonic/gin"
)

func SwitchRole(c *gin.Context) {
	role := c.Query("role")
	session := sessions.Default(c)
	session.Set("role", role)
	session.Save()
	c.JSON(http.StatusOK, gin.H{"role": role})
}
