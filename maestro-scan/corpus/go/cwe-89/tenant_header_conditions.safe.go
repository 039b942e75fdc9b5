package billing

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"strings"
)

func InvoiceTotals(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tenant := r.Header.Get("X-Tenant-ID")
		conds := []string{"paid = true"}
		var args []any
		if tenant != "" {
			args = append(args, tenant)
			conds = append(conds, "tenant_id = $1")
		}
		q := "SELECT SUM(amount) FROM invoices WHERE " + strings.Join(conds, " AND ")
		var total sql.NullFloat64
		if err := db.QueryRow(q, args...).Scan(&total); err != nil {
			http.Error(w, "totals unavailable", http.StatusInternalServerError)
			return
		}
		json.NewEncoder(w).Encode(map[string]float64{"total": total.Float64})
	}
}
