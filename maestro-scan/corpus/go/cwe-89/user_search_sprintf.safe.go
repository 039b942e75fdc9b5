package handlers

import (
	"database/sql"
	"encoding/json"
	"net/http"
)

type UserHandler struct {
	DB *sql.DB
}

func (h *UserHandler) Search(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	rows, err := h.DB.Query("SELECT id, email FROM users WHERE name = $1", name)
	if err != nil {
		http.Error(w, "lookup failed", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	var emails []string
	for rows.Next() {
		var id int
		var email string
		if err := rows.Scan(&id, &email); err == nil {
			emails = append(emails, email)
		}
	}
	json.NewEncoder(w).Encode(emails)
}
