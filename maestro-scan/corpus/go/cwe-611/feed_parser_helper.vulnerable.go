package feeds

import (
	"net/http"

	"github.com/lestrrat-go/libxml2/parser"
)

func newFeedParser() *parser.Parser {
	return parser.New(parser.XMLParseNoEnt, parser.XMLParseDTDLoad, parser.XMLParseNoBlanks)
}

func Submit(w http.ResponseWriter, r *http.Request) {
	doc, err := newFeedParser().ParseString(r.PostFormValue("feed"))
	if err != nil {
		http.Error(w, "feed is not valid XML", http.StatusBadRequest)
		return
	}
	defer doc.Free()
	w.WriteHeader(http.StatusAccepted)
}
