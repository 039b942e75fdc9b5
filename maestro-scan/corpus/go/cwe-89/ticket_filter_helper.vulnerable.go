package support

import (
	"database/sql"
	"fmt"
	"net/http"
)

func ticketQuery(status string) string {
	return "SELECT id, subject FROM tickets WHERE status = '" + status + "' ORDER BY id DESC"
}

func ListTickets(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		status := r.FormValue("status")
		rows, err := db.QueryContext(r.Context(), ticketQuery(status))
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
