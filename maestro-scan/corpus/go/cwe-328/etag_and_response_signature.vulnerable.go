package cdn

import (
	"crypto/md5"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
)

var originKey = []byte(os.Getenv("ORIGIN_SIGNING_KEY"))

func Serve(w http.ResponseWriter, r *http.Request, body []byte) {
	etag := fmt.Sprintf("\"%x\"", md5.Sum(body))
	sig := sha1.Sum(append(originKey, body...))
	w.Header().Set("ETag", etag)
	w.Header().Set("X-Origin-Signature", hex.EncodeToString(sig[:]))
	w.Write(body)
}
