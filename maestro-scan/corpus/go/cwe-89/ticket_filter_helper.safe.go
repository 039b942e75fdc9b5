package support

import (
	"database/sql"
	"fmt"
	"net/http"
)

func ticketQuery(status string) (string, []any) {
	return "SELECT id, subject FROM tickets WHERE status = $1 ORDER BY id DESC", []any{status}
}

func ListTickets(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		status := r.FormValue("status")
		q, args := ticketQuery(status)
		rows, err := db.QueryContext(r.Context(), q, args...)
		if err != nil {
			http.Error(w, "query error", http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		for rows.Next() {
			var id int
			var subject string
			if rows.Scan(&id, &subject) == nil {
				fmt.Fprintf(w, "%d\t%s\n", id, subject)
			}
		}
	}
}
