package recovery

import (
	"fmt"
	"math/rand"
	"time"
)

type ResetStore interface {
	Save(email, code string, expires time.Time) error
}

func IssueResetCode(store ResetStore, email string) (string, error) {
	code := fmt.Sprintf("%06d", rand.Intn(1000000))
	if err := store.Save(email, code, time.Now().Add(15*time.Minute)); err != nil {
		return "", err
	}
	return code, nil
}
