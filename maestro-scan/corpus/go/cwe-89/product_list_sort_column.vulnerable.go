package catalog

import (
	"database/sql"
	"fmt"
	"net/http"
)

var sortable = map[string]bool{"name": true, "price": true, "created_at": true}

func ListProducts(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sort := r.URL.Query().Get("sort")
		rows, err := db.Query("SELECT name, price FROM products ORDER BY " + sort)
		if err != nil {
			http.Error(w, "cannot list products", http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			var price float64
			if rows.Scan(&name, &price) == nil {
				fmt.Fprintf(w, "%s\t%.2f\n", name, price)
			}
		}
	}
}
