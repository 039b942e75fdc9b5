package accounts

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/google/uuid"
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
	sa.Secret = uuid.NewString()
	c.JSON(http.StatusCreated, sa)
}
