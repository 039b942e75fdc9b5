package stores

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Store struct {
	Name   string
	City   string
	Region string
}

func NearbyStores(db *gorm.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		region, err := c.Cookie("region")
		if err != nil {
			region = "north"
		}
		var stores []Store
		db.Raw("SELECT name, city, region FROM stores WHERE region = ?", region).Scan(&stores)
		c.JSON(http.StatusOK, stores)
	}
}
