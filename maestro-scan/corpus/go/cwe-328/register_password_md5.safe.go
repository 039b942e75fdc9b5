package users

import (
	"database/sql"
	"net/http"

	"golang.org/x/crypto/bcrypt"
)

func Register(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		email := r.FormValue("email")
		password := r.FormValue("password")
		hashed, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
		if err != nil {
			http.Error(w, "registration failed", http.StatusInternalServerError)
			return
		}
		hash := string(hashed)
		if _, err := db.Exec("INSERT INTO users (email, password_hash) VALUES ($1, $2)", email, hash); err != nil {
			http.Error(w, "registration failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}
}
