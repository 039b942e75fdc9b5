package manifests

import (
	"net/http"
	"os"
	"path/filepath"

	"github.com/lestrrat-go/libxml2"
	"github.com/lestrrat-go/libxml2/parser"
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
	doc, err := libxml2.Parse(data, parser.XMLParseNoEnt)
	if err != nil {
		http.Error(w, "invalid manifest", http.StatusBadRequest)
		return
	}
	defer doc.Free()
	name, _ := doc.Find("string(/manifest/name)")
	w.Write([]byte(name.String()))
}
