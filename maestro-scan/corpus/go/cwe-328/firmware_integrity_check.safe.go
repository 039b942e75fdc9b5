package updater

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
)

func VerifyImage(path, expectedDigest string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return err
	}
	if hex.EncodeToString(h.Sum(nil)) != expectedDigest {
		return errors.New("firmware image failed integrity check")
	}
	return nil
}
