package hooks

import (
	"crypto/md5"
	"encoding/hex"
	"io"
	"net/http"
	"os"
)

var signingSecret = os.Getenv("WEBHOOK_SECRET")

func Receive(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	sum := md5.Sum(append([]byte(signingSecret), body...))
	expected := hex.EncodeToString(sum[:])
	if r.Header.Get("X-Signature") != expected {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	w.WriteHeader(http.StatusOK)
}
