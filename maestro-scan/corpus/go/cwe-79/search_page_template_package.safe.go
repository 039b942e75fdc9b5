package search

import (
	"html/template"
	"net/http"
)

var page = template.Must(template.New("results").Parse(`<!doctype html>
<html><body>
<h2>Results for {{.Query}}</h2>
<ul>{{range .Items}}<li>{{.}}</li>{{end}}</ul>
</body></html>`))

func Results(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	data := struct {
		Query string
		Items []string
	}{Query: q, Items: []string{"alpha", "beta"}}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	page.Execute(w, data)
}
