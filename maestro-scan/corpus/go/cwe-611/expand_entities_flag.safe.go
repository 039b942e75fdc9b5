package metadata

import (
	"net/http"

	"github.com/lestrrat-go/libxml2/parser"
)

const expandEntities = false

func Parse(w http.ResponseWriter, r *http.Request) {
	raw := r.URL.Query().Get("xml")
	opts := []parser.Option{parser.XMLParseNoBlanks}
	if expandEntities {
		opts = append(opts, parser.XMLParseNoEnt, parser.XMLParseDTDLoad)
	}
	doc, err := parser.New(opts...).ParseString(raw)
	if err != nil {
		http.Error(w, "bad metadata", http.StatusBadRequest)
		return
	}
	defer doc.Free()
	w.Write([]byte(doc.String()))
}
