package roles

import (
	"net/http"
	"os"

	"github.com/antchfx/xmlquery"
)

func Role(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("user")
	f, err := os.Open("/etc/app/users.xml")
	if err != nil {
		http.Error(w, "config missing", http.StatusInternalServerError)
		return
	}
	defer f.Close()
	doc, err := xmlquery.Parse(f)
	if err != nil {
		http.Error(w, "config invalid", http.StatusInternalServerError)
		return
	}
	var node *xmlquery.Node
	for _, u := range xmlquery.Find(doc, "//user") {
		if u.SelectAttr("name") == name {
			node = xmlquery.FindOne(u, "role")
		}
	}
	if node == nil {
		http.NotFound(w, r)
		return
	}
	w.Write([]byte(node.InnerText()))
}
