package flash

import (
	"fmt"
	"html/template"
	"net/http"
)

var layout = template.Must(template.New("l").Parse(`<body>{{.Flash}}<main>...</main></body>`))

func Page(w http.ResponseWriter, r *http.Request) {
	msg := ""
	if c, err := r.Cookie("flash"); err == nil {
		msg = c.Value
	}
	layout.Execute(w, map[string]any{
		"Flash": template.HTML(fmt.Sprintf("<p class=\"flash\">%s</p>", template.HTMLEscapeString(msg))),
	})
}
