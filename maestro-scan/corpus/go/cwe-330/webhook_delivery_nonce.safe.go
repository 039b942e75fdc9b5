package webhooks

import (
	crand "crypto/rand"
	"encoding/hex"
	"math/rand"
	"net/http"
	"strings"
	"time"
)

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := crand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

func Deliver(url, payload string) error {
	for attempt := 0; attempt < 5; attempt++ {
		req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(payload))
		req.Header.Set("X-Delivery-Nonce", randomHex(16))
		if resp, err := http.DefaultClient.Do(req); err == nil && resp.StatusCode < 300 {
			return nil
		}
		jitter := time.Duration(rand.Intn(250)) * time.Millisecond
		time.Sleep(time.Duration(attempt+1)*time.Second + jitter)
	}
	return nil
}
