package aggregator

import (
	"fmt"
	"net/http"

	"github.com/lestrrat-go/libxml2/parser"
)

func Preview(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(r.URL.Query().Get("feed"))
	if err != nil {
		http.Error(w, "fetch failed", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	p := parser.New(parser.XMLParseNoBlanks)
	doc, err := p.ParseReader(resp.Body)
	if err != nil {
		http.Error(w, "not a feed", http.StatusUnprocessableEntity)
		return
	}
	defer doc.Free()
	title, _ := doc.Find("string(//channel/title)")
	fmt.Fprintf(w, "%s\n", title.String())
}
