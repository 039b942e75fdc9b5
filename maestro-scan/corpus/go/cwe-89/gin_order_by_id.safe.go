package api

import (
	"database/sql"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Order struct {
	ID     string  `json:"id"`
	Status string  `json:"status"`
	Total  float64 `json:"total"`
}

func GetOrder(db *sql.DB) gin.HandlerFunc {
	return func(c *gin.Context) {
		orderID := c.Param("id")
		var o Order
		row := db.QueryRow("SELECT id, status, total FROM orders WHERE id = ?", orderID)
		if err := row.Scan(&o.ID, &o.Status, &o.Total); err != nil {
			c.JSON(http.StatusNotFound, gin.H{"error": "order not found"})
			return
		}
		c.JSON(http.StatusOK, o)
	}
}
