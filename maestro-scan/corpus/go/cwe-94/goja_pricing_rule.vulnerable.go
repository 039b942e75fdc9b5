package pricing

import (
	"fmt"
	"net/http"

	"github.com/dop251/goja"
)

func Quote(w http.ResponseWriter, r *http.Request) {
	rule := r.URL.Query().Get("rule")
	vm := goja.New()
	vm.Set("basePrice", 120.0)
	v, err := vm.RunString(rule)
	if err != nil {
		http.Error(w, "rule error", http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, "price: %v\n", v.Export())
}
