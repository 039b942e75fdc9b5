package repoapi

import (
	"net/http"
	"os/exec"
)

type RepoServer struct {
	Dir string
}

func (s *RepoServer) Log(w http.ResponseWriter, r *http.Request) {
	branch := r.Header.Get("X-Branch")
	cmd := exec.CommandContext(r.Context(), "sh", "-c", "git log --oneline -n 20 "+branch)
	cmd.Dir = s.Dir
	out, err := cmd.Output()
	if err != nil {
		http.Error(w, "git log failed", http.StatusInternalServerError)
		return
	}
	w.Write(out)
}
