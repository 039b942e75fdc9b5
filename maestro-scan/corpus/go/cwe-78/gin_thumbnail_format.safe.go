package media

import (
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"

	"github.com/gin-gonic/gin"
)

func Thumbnail(c *gin.Context) {
	format := c.PostForm("format")
	switch format {
	case "png", "jpg", "webp":
	default:
		c.String(http.StatusBadRequest, "unsupported format")
		return
	}
	src := filepath.Join("/srv/media", "original.png")
	dst := filepath.Join("/srv/media/thumbs", "original")
	cmdline := fmt.Sprintf("convert %s -resize 200x200 %s.%s", src, dst, format)
	if err := exec.Command("bash", "-c", cmdline).Run(); err != nil {
		c.String(http.StatusInternalServerError, "conversion failed")
		return
	}
	c.String(http.StatusOK, "ok")
}
