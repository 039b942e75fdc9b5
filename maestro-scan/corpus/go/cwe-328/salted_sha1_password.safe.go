package auth

import (
	"crypto/rand"

	"golang.org/x/crypto/argon2"
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
	hash := argon2.IDKey([]byte(password), salt, 1, 64*1024, 4, 32)
	return Credential{Salt: salt, Hash: hash}, nil
}
