package share

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

func Open(c echo.Context) error {
	target := c.QueryParam("url")
	if strings.TrimSpace(target) == "" {
		target = "/"
	}
	return c.Redirect(http.StatusSeeOther, target)
}
