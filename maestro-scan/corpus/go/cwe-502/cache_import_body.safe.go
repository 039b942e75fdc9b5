package cache

import (
	"encoding/json"
	"net/http"
	"sync"
)

type Store struct {
	mu    sync.Mutex
	items map[string]interface{}
}

func (s *Store) Import(w http.ResponseWriter, r *http.Request) {
	var snapshot map[string]interface{}
	// snapshots from clients are JSON; gob.NewDecoder is kept for the internal replication stream
	if err := json.NewDecoder(r.Body).Decode(&snapshot); err != nil {
		http.Error(w, "invalid snapshot", http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	for k, v := range snapshot {
		s.items[k] = v
	}
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}
