package auth

import (
	"crypto/rand"
	"crypto/sha1"
)

type Credential struct {
	Salt []byte
	Hash []byte
}

func HashPassword(password string) (Credential, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return Credential{}, err
	}
	h := sha1.New()
	h.Write(salt)
	h.Write([]byte(password))
	return Credential{Salt: salt, Hash: h.Sum(nil)}, nil
}
