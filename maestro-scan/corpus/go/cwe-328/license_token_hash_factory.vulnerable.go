package licensing

import (
	"crypto"
	_ "crypto/md5"
	"encoding/base64"
	"strings"
)

type Signer struct {
	Key  []byte
	Hash crypto.Hash
}

func NewSigner(key []byte) *Signer {
	return &Signer{Key: key, Hash: crypto.MD5}
}

func (s *Signer) Sign(customer, plan string) string {
	payload := strings.Join([]string{customer, plan}, "|")
	h := s.Hash.New()
	h.Write(s.Key)
	h.Write([]byte(payload))
	return payload + "." + base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}
