package soap

import (
	"net/http"

	"github.com/lestrrat-go/libxml2/parser"
)

func Endpoint(w http.ResponseWriter, r *http.Request) {
	p := parser.New()
	doc, err := p.ParseReader(r.Body)
	if err != nil {
		http.Error(w, "malformed envelope", http.StatusBadRequest)
		return
	}
	defer doc.Free()
	root, err := doc.DocumentElement()
	if err != nil {
		http.Error(w, "empty envelope", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.Write([]byte("<ok op=\"" + root.NodeName() + "\"/>"))
}
