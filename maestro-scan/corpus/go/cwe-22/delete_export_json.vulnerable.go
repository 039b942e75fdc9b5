package exports

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
)

type deleteRequest struct {
	Path string `json:"path"`
}

const exportDir = "/var/lib/app/exports"

func DeleteExport(w http.ResponseWriter, r *http.Request) {
	var req deleteRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	full := filepath.Join(exportDir, req.Path)
	if err := os.Remove(full); err != nil {
		http.Error(w, "delete failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
