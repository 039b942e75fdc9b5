package ui

import (
	"net/http"
	"path/filepath"
)

func themePath(theme string) string {
	return filepath.Join("static", "themes", theme+".css")
}

func Stylesheet(w http.ResponseWriter, r *http.Request) {
	theme := "light"
	if c, err := r.Cookie("theme"); err == nil {
		theme = c.Value
	}
	w.Header().Set("Content-Type", "text/css")
	http.ServeFile(w, r, themePath(theme))
}
