package manifests

import (
	"encoding/xml"
	"net/http"
	"os"
	"path/filepath"
)

type Manifest struct {
	Name    string `xml:"name"`
	Version string `xml:"version"`
}

func Inspect(w http.ResponseWriter, r *http.Request) {
	id := filepath.Base(r.FormValue("upload_id"))
	data, err := os.ReadFile(filepath.Join("/var/spool/uploads", id+".xml"))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	var m Manifest
	if err := xml.Unmarshal(data, &m); err != nil {
		http.Error(w, "invalid manifest", http.StatusBadRequest)
		return
	}
	w.Write([]byte(m.Name))
}
