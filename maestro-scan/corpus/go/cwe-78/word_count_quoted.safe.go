package tools

import (
	"encoding/json"
	"net/http"
	"os/exec"

	"github.com/alessio/shellescape"
)

type countRequest struct {
	File string `json:"file"`
}

func countCommand(file string) string {
	return "wc -l " + shellescape.Quote("/srv/shared/"+file)
}

func CountLines(w http.ResponseWriter, r *http.Request) {
	var req countRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	out, err := exec.Command("sh", "-c", countCommand(req.File)).Output()
	if err != nil {
		http.Error(w, "count failed", http.StatusInternalServerError)
		return
	}
	w.Write(out)
}
