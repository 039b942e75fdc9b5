package rules

import (
	"encoding/gob"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Rule struct {
	Name   string
	Action interface{}
}

func Sync(c *gin.Context) {
	var incoming []Rule
	if err := gob.NewDecoder(c.Request.Body).Decode(&incoming); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "undecodable rules"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"synced": len(incoming)})
}
