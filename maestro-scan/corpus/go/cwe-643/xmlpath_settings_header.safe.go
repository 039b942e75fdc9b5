package settings

import (
	"net/http"
	"os"

	"gopkg.in/xmlpath.v2"
)

func Setting(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("X-Setting")
	switch key {
	case "theme", "timezone", "language":
	default:
		http.Error(w, "unknown setting", http.StatusBadRequest)
		return
	}
	f, err := os.Open("settings.xml")
	if err != nil {
		http.Error(w, "no settings", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	root, err := xmlpath.Parse(f)
	if err != nil {
		http.Error(w, "bad settings", http.StatusInternalServerError)
		return
	}
	path := xmlpath.MustCompile("/settings/entry[@key='" + key + "']/value")
	if v, ok := path.String(root); ok {
		w.Write([]byte(v))
		return
	}
	http.NotFound(w, r)
}
