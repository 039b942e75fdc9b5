package web

import (
	"net/http"
	"path/filepath"
	"strings"

	"github.com/gin-gonic/gin"
)

const assetRoot = "./public/assets"

func Asset(c *gin.Context) {
	name := c.Param("name")
	if name == "" {
		c.Status(http.StatusNotFound)
		return
	}
	root, _ := filepath.Abs(assetRoot)
	target, err := filepath.Abs(filepath.Join(root, name))
	if err != nil || !hasPrefixDir(target, root) {
		c.Status(http.StatusNotFound)
		return
	}
	c.File(target)
}

func hasPrefixDir(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}
