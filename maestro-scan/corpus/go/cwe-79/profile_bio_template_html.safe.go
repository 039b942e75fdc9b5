package profiles

import (
	"html/template"
	"net/http"
)

var profileTmpl = template.Must(template.New("p").Parse(
	`<section><h3>{{.Name}}</h3><div class="bio">{{.Bio}}</div></section>`))

type profileView struct {
	Name string
	Bio  string
}

func Show(w http.ResponseWriter, r *http.Request) {
	view := profileView{
		Name: r.URL.Query().Get("name"),
		Bio:  r.URL.Query().Get("bio"),
	}
	profileTmpl.Execute(w, view)
}
