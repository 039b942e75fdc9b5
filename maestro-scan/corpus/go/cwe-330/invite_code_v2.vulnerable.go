package invites

import (
	"math/rand/v2"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

func CreateInvite(c *gin.Context) {
	code := strconv.FormatUint(rand.Uint64(), 36)
	c.JSON(http.StatusCreated, gin.H{"invite_code": code, "team": c.Param("team")})
}
