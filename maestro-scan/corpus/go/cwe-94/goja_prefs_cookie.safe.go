package prefs

import (
	"net/http"

	"github.com/dop251/goja"
)

func prefsScript() string {
	return "applyPrefs(JSON.parse(rawPrefs))"
}

func Render(w http.ResponseWriter, r *http.Request) {
	ck, err := r.Cookie("prefs")
	if err != nil {
		http.Error(w, "no prefs", http.StatusBadRequest)
		return
	}
	vm := goja.New()
	vm.Set("applyPrefs", func(p map[string]any) string { return "theme set" })
	vm.Set("rawPrefs", ck.Value)
	v, err := vm.RunString(prefsScript())
	if err != nil {
		http.Error(w, "invalid prefs", http.StatusBadRequest)
		return
	}
	w.Write([]byte(v.String()))
}
