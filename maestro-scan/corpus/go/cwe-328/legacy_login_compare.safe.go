package login

import (
	"database/sql"
	"net/http"

	"golang.org/x/crypto/bcrypt"
)

func Login(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var stored string
		err := db.QueryRow("SELECT password_hash FROM users WHERE email = $1", r.FormValue("email")).Scan(&stored)
		if err != nil {
			http.Error(w, "invalid login", http.StatusUnauthorized)
			return
		}
		if bcrypt.CompareHashAndPassword([]byte(stored), []byte(r.FormValue("password"))) != nil {
			http.Error(w, "invalid login", http.StatusUnauthorized)
			return
		}
		w.Write([]byte("welcome back"))
	}
}
