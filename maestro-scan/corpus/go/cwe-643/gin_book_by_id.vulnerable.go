package library

import (
	"fmt"
	"net/http"

	"github.com/antchfx/xmlquery"
	"github.com/antchfx/xpath"
	"github.com/gin-gonic/gin"
)

func Book(doc *xmlquery.Node) gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.Param("id")
		expr, err := xpath.Compile(fmt.Sprintf("string(//book[@id='%s']/title)", id))
		if err != nil {
			c.String(http.StatusBadRequest, "bad id")
			return
		}
		title := expr.Evaluate(xmlquery.CreateXPathNavigator(doc))
		c.JSON(http.StatusOK, gin.H{"title": title})
	}
}
