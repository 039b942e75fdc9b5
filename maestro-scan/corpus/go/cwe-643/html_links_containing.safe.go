package crawler

import (
	"net/http"
	"strings"

	"github.com/antchfx/htmlquery"
)

var knownTerms = map[string]bool{"docs": true, "blog": true, "pricing": true}

func Links(w http.ResponseWriter, r *http.Request) {
	term := r.PostFormValue("term")
	if !knownTerms[term] {
		term = "docs"
	}
	doc, err := htmlquery.LoadDoc("/var/cache/site/index.html")
	if err != nil {
		http.Error(w, "page unavailable", http.StatusInternalServerError)
		return
	}
	var hrefs []string
	for _, a := range htmlquery.Find(doc, "//a[contains(@href, '"+term+"')]") {
		hrefs = append(hrefs, htmlquery.SelectAttr(a, "href"))
	}
	w.Write([]byte(strings.Join(hrefs, "\n")))
}
