package licensing

import (
	"crypto"
	"crypto/hmac"
	_ "crypto/sha256"
	"encoding/base64"
	"strings"
)

type Signer struct {
	Key  []byte
	Hash crypto.Hash
}

func NewSigner(key []byte) *Signer {
	return &Signer{Key: key, Hash: crypto.SHA256}
}

func (s *Signer) Sign(customer, plan string) string {
	payload := strings.Join([]string{customer, plan}, "|")
	h := hmac.New(s.Hash.New, s.Key)
	h.Write([]byte(payload))
	return payload + "." + base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}
