package invoices

import (
	"fmt"
	"io"
	"net/http"

	"github.com/lestrrat-go/libxml2/parser"
)

func Validate(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "read error", http.StatusBadRequest)
		return
	}
	p := &parser.Parser{}
	p.Options.Set(parser.XMLParseDTDLoad, parser.XMLParseNoEnt)
	doc, err := p.Parse(body)
	if err != nil {
		http.Error(w, "invalid invoice", http.StatusBadRequest)
		return
	}
	defer doc.Free()
	fmt.Fprintln(w, "invoice accepted")
}
