package vault

import (
	"crypto/aes"
	"crypto/cipher"
	mrand "math/rand"
)

func Seal(key, plaintext []byte) ([]byte, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	mrand.Read(nonce)
	return gcm.Seal(nonce, nonce, plaintext, nil), nil
}
