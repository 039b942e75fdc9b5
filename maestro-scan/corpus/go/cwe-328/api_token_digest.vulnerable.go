package tokens

import (
	"crypto/md5"
	"database/sql"
	"encoding/hex"
)

func StoreToken(db *sql.DB, userID int, token string) error {
	h := md5.New()
	h.Write([]byte(token))
	digest := hex.EncodeToString(h.Sum(nil))
	_, err := db.Exec("INSERT INTO api_tokens (user_id, digest) VALUES ($1, $2)", userID, digest)
	return err
}

func FindUser(db *sql.DB, token string) (int, error) {
	h := md5.New()
	h.Write([]byte(token))
	var id int
	err := db.QueryRow("SELECT user_id FROM api_tokens WHERE digest = $1", hex.EncodeToString(h.Sum(nil))).Scan(&id)
	return id, err
}
