package admin

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

type purgeRequest struct {
	UserID string `json:"user_id"`
}

func PurgeSessions(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req purgeRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		uid, err := strconv.Atoi(req.UserID)
		if err != nil {
			http.Error(w, "bad user id", http.StatusBadRequest)
			return
		}
		stmt := fmt.Sprintf("DELETE FROM sessions WHERE user_id = %d", uid)
		if _, err := db.Exec(stmt); err != nil {
			http.Error(w, "purge failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}
}
