package prefs

import (
	"net/http"

	"github.com/dop251/goja"
)

func prefsScript(raw string) string {
	return "applyPrefs(" + raw + ")"
}

func Render(w http.ResponseWriter, r *http.Request) {
	ck, err := r.Cookie("prefs")
	if err != nil {
		http.Error(w, "no prefs", http.StatusBadRequest)
		return
	}
	vm := goja.New()
	vm.Set("applyPrefs", func(p map[string]any) string { return "theme set" })
	v, err := vm.RunString(prefsScript(ck.Value))
	if err != nil {
		http.Error(w, "invalid prefs", http.StatusBadRequest)
		return
	}
	w.Write([]byte(v.String()))
}
