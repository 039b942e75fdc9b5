package keys

import (
	"crypto/rand"
	"encoding/hex"
)

type APIKey struct {
	Owner  string
	Secret string
}

func NewAPIKey(owner string) (APIKey, error) {
	buf := make([]byte, 24)
	if _, err := rand.Read(buf); err != nil {
		return APIKey{}, err
	}
	return APIKey{Owner: owner, Secret: "sk_" + hex.EncodeToString(buf)}, nil
}
