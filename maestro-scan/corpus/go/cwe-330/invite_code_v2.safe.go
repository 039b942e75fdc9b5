package invites

import (
	"crypto/rand"
	"net/http"

	"github.com/gin-gonic/gin"
)

func CreateInvite(c *gin.Context) {
	code := rand.Text()
	c.JSON(http.StatusCreated, gin.H{"invite_code": code, "team": c.Param("team")})
}
