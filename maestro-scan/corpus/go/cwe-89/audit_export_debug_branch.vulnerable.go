package audit

import (
	"database/sql"
	"encoding/csv"
	"net/http"
)

const rawFilterEnabled = true

func Export(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		actor := r.PostFormValue("actor")
		var rows *sql.Rows
		var err error
		if rawFilterEnabled {
			rows, err = db.Query("SELECT actor, action, at FROM audit_log WHERE actor LIKE '%" + actor + "%'")
		} else {
			rows, err = db.Query("SELECT actor, action, at FROM audit_log WHERE actor LIKE $1", "%"+actor+"%")
		}
		if err != nil {
			http.Error(w, "export failed", http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		out := csv.NewWriter(w)
		for rows.Next() {
			var a, act, at string
			rows.Scan(&a, &act, &at)
			out.Write([]string{a, act, at})
		}
		out.Flush()
	}
}
