package users

import (
	"crypto/md5"
	"database/sql"
	"encoding/hex"
	"net/http"
)

func Register(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		email := r.FormValue("email")
		password := r.FormValue("password")
		sum := md5.Sum([]byte(password))
		hash := hex.EncodeToString(sum[:])
		if _, err := db.Exec("INSERT INTO users (email, password_hash) VALUES ($1, $2)", email, hash); err != nil {
			http.Error(w, "registration failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}
}
