package imports

import (
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/lestrrat-go/libxml2"
	"github.com/lestrrat-go/libxml2/parser"
)

func ImportCatalog(c *gin.Context) {
	fh, err := c.FormFile("catalog")
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "catalog file required"})
		return
	}
	f, _ := fh.Open()
	defer f.Close()
	data, _ := io.ReadAll(f)
	doc, err := libxml2.ParseString(string(data), parser.XMLParseNoEnt, parser.XMLParseDTDLoad)
	if err != nil {
		c.JSON(http.StatusUnprocessableEntity, gin.H{"error": "invalid catalog"})
		return
	}
	defer doc.Free()
	items, _ := doc.Find("count(//item)")
	c.JSON(http.StatusOK, gin.H{"items": items.Number()})
}
