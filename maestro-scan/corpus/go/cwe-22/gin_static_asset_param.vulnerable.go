package web

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

const assetRoot = "./public/assets"

func Asset(c *gin.Context) {
	name := c.Param("name")
	if name == "" {
		c.Status(http.StatusNotFound)
		return
	}
	target := assetRoot + "/" + name
	c.File(target)
}
