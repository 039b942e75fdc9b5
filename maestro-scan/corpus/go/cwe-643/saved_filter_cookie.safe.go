package feeds

import (
	"net/http"

	"github.com/antchfx/xmlquery"
)

const legacyFilters = false

func Items(doc *xmlquery.Node) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		category := "news"
		if c, err := r.Cookie("category"); err == nil && legacyFilters {
			category = c.Value
		}
		expr := "//item[category='" + category + "']/title"
		for _, n := range xmlquery.Find(doc, expr) {
			w.Write([]byte(n.InnerText() + "\n"))
		}
	}
}
