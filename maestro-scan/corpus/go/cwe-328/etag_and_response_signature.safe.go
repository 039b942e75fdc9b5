package cdn

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
)

var originKey = []byte(os.Getenv("ORIGIN_SIGNING_KEY"))

func Serve(w http.ResponseWriter, r *http.Request, body []byte) {
	etag := fmt.Sprintf("\"%x\"", md5.Sum(body))
	mac := hmac.New(sha256.New, originKey)
	mac.Write(body)
	w.Header().Set("ETag", etag)
	w.Header().Set("X-Origin-Signature", hex.EncodeToString(mac.Sum(nil)))
	w.Write(body)
}
