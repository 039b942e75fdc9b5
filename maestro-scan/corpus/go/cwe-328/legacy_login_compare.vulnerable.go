package login

import (
	"crypto/md5"
	"database/sql"
	"fmt"
	"net/http"
)

func Login(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var stored string
		err := db.QueryRow("SELECT password_hash FROM users WHERE email = $1", r.FormValue("email")).Scan(&stored)
		if err != nil {
			http.Error(w, "invalid login", http.StatusUnauthorized)
			return
		}
		if fmt.Sprintf("%x", md5.Sum([]byte(r.FormValue("password")))) != stored {
			http.Error(w, "invalid login", http.StatusUnauthorized)
			return
		}
		w.Write([]byte("welcome back"))
	}
}
