package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func Login(c *gin.Context) {
	token := c.GetString("issued_token")
	c.SetCookie("access_token", token, 3600, "/", "", true, true)
	c.JSON(http.StatusOK, gin.H{"status": "logged in"})
}
