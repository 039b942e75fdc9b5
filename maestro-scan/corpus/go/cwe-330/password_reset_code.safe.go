package recovery

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"time"
)

type ResetStore interface {
	Save(email, code string, expires time.Time) error
}

func IssueResetCode(store ResetStore, email string) (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1000000))
	if err != nil {
		return "", err
	}
	code := fmt.Sprintf("%06d", n.Int64())
	if err := store.Save(email, code, time.Now().Add(15*time.Minute)); err != nil {
		return "", err
	}
	return code, nil
}
