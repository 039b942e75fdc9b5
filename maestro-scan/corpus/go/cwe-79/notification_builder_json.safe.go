package alerts

import (
	"encoding/json"
	"html"
	"net/http"
	"strings"
)

type alert struct {
	Title   string `json:"title"`
	Message string `json:"message"`
}

func renderAlert(a alert) string {
	var b strings.Builder
	b.WriteString("<div class=\"alert\"><strong>")
	b.WriteString(html.EscapeString(a.Title))
	b.WriteString("</strong> ")
	b.WriteString(html.EscapeString(a.Message))
	b.WriteString("</div>")
	return b.String()
}

func Preview(w http.ResponseWriter, r *http.Request) {
	var a alert
	if err := json.NewDecoder(r.Body).Decode(&a); err != nil {
		http.Error(w, "bad alert", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/html")
	w.Write([]byte(renderAlert(a)))
}
