package accounts

import (
	"fmt"
	"math/rand"
	"net/http"

	"github.com/gin-gonic/gin"
)

type ServiceAccount struct {
	Name   string `json:"name"`
	Secret string `json:"secret"`
}

func CreateServiceAccount(c *gin.Context) {
	var sa ServiceAccount
	if err := c.ShouldBindJSON(&sa); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	sa.Secret = fmt.Sprintf("%016x%016x", rand.Int63(), rand.Int63())
	c.JSON(http.StatusCreated, sa)
}
