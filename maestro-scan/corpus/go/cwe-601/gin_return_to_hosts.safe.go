package sso

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

var trustedHosts = map[string]bool{"app.example.com": true, "admin.example.com": true}

func Logout(c *gin.Context) {
	returnTo := c.Query("return_to")
	target, err := url.Parse(returnTo)
	if err != nil || !trustedHosts[target.Hostname()] {
		c.Redirect(http.StatusFound, "/")
		return
	}
	c.SetCookie("session", "", -1, "/", "", true, true)
	c.Redirect(http.StatusFound, target.String())
}
