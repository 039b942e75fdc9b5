package notify

import (
	"net/http"
	"os"
)

var templates = map[string]bool{"welcome.html": true, "reset.html": true, "invoice.html": true}

func PreviewTemplate(w http.ResponseWriter, r *http.Request) {
	name := r.Header.Get("X-Template")
	if !templates[name] {
		http.Error(w, "template not found", http.StatusNotFound)
		return
	}
	body, err := os.ReadFile("/etc/app/templates/" + name)
	if err != nil {
		http.Error(w, "template not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write(body)
}
