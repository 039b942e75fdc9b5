package shop

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
)

func SearchPage(c *gin.Context) {
	term := c.Query("term")
	body := fmt.Sprintf("<p>No products match <em>%s</em>.</p>", term)
	c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(body))
}
