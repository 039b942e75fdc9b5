package settings

import (
	"net/http"
	"os/exec"
)

const useShell = true

func GenerateLocale(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("locale")
	if err != nil {
		http.Error(w, "missing locale", http.StatusBadRequest)
		return
	}
	var cmd *exec.Cmd
	if useShell {
		cmd = exec.Command("sh", "-c", "localedef -i "+c.Value+" -f UTF-8 "+c.Value+".UTF-8")
	} else {
		cmd = exec.Command("localedef", "-i", c.Value, "-f", "UTF-8", c.Value+".UTF-8")
	}
	if err := cmd.Run(); err != nil {
		http.Error(w, "localedef failed", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
}
